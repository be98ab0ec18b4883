#!/usr/bin/perl
# 0201: every path to stderr and syslog gives exactly one event per line,
# with the right text and the entry point that produced it, at -O0 and at
# -O2 -D_FORTIFY_SOURCE=2, and the program's exit status and stdout stay
# what they are without the library.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use WL;

# path => [ [ api alternatives, msg ], ... ], optional exit status
my @cases = (
	[ write => [ [ 'write', 'one' ], [ 'write', 'two' ] ] ],
	[ writev => [ [ 'writev', 'one' ], [ 'writev', 'two' ] ] ],
	[ dup => [ [ 'write', 'one' ] ] ],
	[ dup2 => [ [ 'write', 'one' ] ] ],
	[ dup3 => [ [ 'write', 'one' ] ] ],
	[ fcntl => [ [ 'write', 'one' ] ] ],
	[ devstderr => [ [ 'write', 'one' ], [ 'write', 'two' ] ] ],
	[ procfd => [ [ 'write', 'one' ] ] ],
	[ bytes => [ [ 'write', 'one' ], [ 'write', 'two' ] ] ],
	[ fprintf => [ [ 'fprintf|__fprintf_chk', 'one 1' ],
	    [ 'fprintf|__fprintf_chk', 'two' ] ] ],
	[ vfprintf => [ [ 'vfprintf|__vfprintf_chk', 'one 1' ],
	    [ 'vfprintf|__vfprintf_chk', 'two' ] ] ],
	[ fputs => [ [ 'fputs|fwrite', 'one' ], [ 'fputs|fwrite', 'two' ] ] ],
	[ fputs_unlocked => [ [ 'fputs_unlocked|fwrite_unlocked', 'one' ],
	    [ 'fputs_unlocked|fwrite_unlocked', 'two' ] ] ],
	[ fputc => [ [ 'fputc', 'one' ] ] ],
	[ putc => [ [ 'putc|_IO_putc', 'one' ] ] ],
	[ putc_unlocked => [ [ 'putc_unlocked|__overflow', 'one' ] ] ],
	[ fputc_unlocked => [ [ 'fputc_unlocked|__overflow', 'one' ] ] ],
	[ fwrite => [ [ 'fwrite', 'one' ], [ 'fwrite', 'two' ] ] ],
	[ fwrite_unlocked => [ [ 'fwrite_unlocked|__overflow', 'one' ],
	    [ 'fwrite_unlocked|__overflow', 'two' ] ] ],
	[ fputws => [ [ 'fputws', "one \x{e9}" ] ] ],
	[ fwprintf => [ [ 'fwprintf|__fwprintf_chk', 'one 1' ] ] ],
	[ fdopen => [ [ 'fprintf|__fprintf_chk|fwrite|stdio', 'one' ],
	    [ 'fputs|fwrite|stdio', 'two' ] ] ],
	[ buffered => [ [ 'stdio|putc_unlocked|__overflow', 'one' ],
	    [ 'stdio|fwrite|fputs', 'two' ] ] ],
	[ perror => [ [ 'perror', 'one: No such file or directory' ],
	    [ 'perror', 'Permission denied' ] ] ],
	[ warn => [ [ 'warn', 'one 1: No such file or directory' ] ] ],
	[ warnx => [ [ 'warnx', 'one 1' ] ] ],
	[ vwarn => [ [ 'vwarn', 'one 1: No such file or directory' ] ] ],
	[ vwarnx => [ [ 'vwarnx', 'one 1' ] ] ],
	[ err => [ [ 'err', 'one: No such file or directory' ] ], 3 ],
	[ errx => [ [ 'errx', 'one' ] ], 4 ],
	[ error => [ [ 'error', 'one 1: No such file or directory' ],
	    [ 'error', 'two' ] ], 5 ],
	[ error_at_line => [ [ 'error_at_line', 'f.c:7: one' ],
	    [ 'error_at_line', 'f.c:9: two' ] ] ],
	[ psignal => [ [ 'psignal', 'one: Terminated' ] ] ],
	[ psiginfo => [ [ 'psiginfo', 'one: Interrupt' ] ] ],
	[ herror => [ [ 'herror', 'one: Unknown host' ] ] ],
	[ dprintf => [ [ 'dprintf|__dprintf_chk', 'one 1' ] ] ],
	[ vdprintf => [ [ 'vdprintf|__vdprintf_chk', 'one 1' ] ] ],
	[ assert => [ [ '__assert_fail',
	    qr/^t\/prog\/paths\.c:\d+: main: Assertion `argc == 99' failed\.$/ ] ],
	    134 ],
	[ syslog => [ [ 'syslog|__syslog_chk', 'one 1' ],
	    [ 'syslog|__syslog_chk', 'two No such file or directory' ] ] ],
	[ vsyslog => [ [ 'vsyslog|__vsyslog_chk', 'one 1' ] ] ],
	[ setlogmask => [ [ 'syslog|__syslog_chk', 'one' ] ] ],
	[ devlog => [ [ 'sendto', 'one' ], [ 'sendto', 'two' ] ] ],
	[ copy_file_range => [ [ 'copy_file_range', 'one' ],
	    [ 'copy_file_range', 'two' ] ] ],
	[ sendfile => [ [ 'sendfile|sendfile64', 'one' ],
	    [ 'sendfile|sendfile64', 'two' ] ] ],
	[ splice => [ [ 'splice', 'one' ], [ 'splice', 'two' ] ] ],
);

my %stdout = (
	error => "count 1\n",
);

plan tests => 2 * @cases;

for my $variant (qw(O0 O2)) {
	my $prog = prog('paths', $variant);
	for my $c (@cases) {
		my ($path, $want, $status) = @$c;
		$status //= 0;
		my $plain = run(cmd => [ $prog, $path ]);
		my $r = run(cmd => [ $prog, $path ], preload => 1,
		    env => { WITHLOG_FORMAT => 'json', WITHLOG_OUTPUT => 'stderr' });
		my @ev = events($r->{stderr});
		my @problems;
		push @problems, "exit $r->{status}, want $status"
		    if $r->{status} != $status;
		# Datagrams to /dev/log are taken even when no daemon listens
		# there, so only that case may differ from a plain run.
		push @problems, "exit differs from a run without the library"
		    if $r->{status} != $plain->{status} && $path ne 'devlog';
		push @problems, "stdout differs" if $r->{stdout} ne $plain->{stdout};
		push @problems, "stdout '$r->{stdout}'"
		    if $r->{stdout} ne ($stdout{$path} // '');
		push @problems, scalar(@ev) . " events, want " . scalar(@$want)
		    if @ev != @$want;
		for my $i (0 .. $#$want) {
			my ($api, $msg) = @{ $want->[$i] };
			my $e = $ev[$i] // {};
			my $got = $e->{msg} // $e->{_raw} // '(none)';
			my $ok = ref $msg ? $got =~ $msg : $got eq $msg;
			push @problems, "event $i msg '$got'" unless $ok;
			push @problems, "event $i api '" . ($e->{api} // '') . "'"
			    unless ($e->{api} // '') =~ /^(?:$api)$/;
		}
		ok(!@problems, "$variant: $path gives one event per line with the right text")
		    or diag(join("\n", @problems, "stderr was:", $r->{stderr}));
	}
}
