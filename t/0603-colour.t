#!/usr/bin/perl
# 0603: the text format colours the level when stderr is a terminal (a
# real pty, made by script(1)), and not when NO_COLOR is set, when TERM is
# dumb, when stderr is a file, or when colour is off; always on request.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use WL;

my $lib = lib_path();

# Run under a pseudo-terminal; return what the terminal received.
sub on_tty {
	my (%env) = @_;
	my $e = join(' ', map { "$_=$env{$_}" } sort keys %env);
	my $r = run(cmd => [ 'script', '-qfec',
	    "env LD_PRELOAD=$lib WITHLOG_OUTPUT=stderr WITHLOG_RATE=0 $e perl -e 'use Sys::Syslog qw(:standard :macros); syslog(LOG_ERR, q(boom)); syslog(LOG_WARNING, q(careful)); print STDERR qq(plain\\n)'",
	    '/dev/null' ], env => { TERM => 'xterm' });
	return $r->{stdout};
}

SKIP: {
	skip 'script(1) is not installed', 5 unless -x '/usr/bin/script';
	my $out = on_tty();
	like($out, qr/\e\[31mERROR\e\[0m .*boom/, 'on a terminal ERROR is red');
	like($out, qr/\e\[33mWARN\e\[0m .*careful/, 'and WARN yellow');
	like($out, qr/Z INFO  .*plain/, 'and INFO plain');
	unlike(on_tty(NO_COLOR => 1), qr/\e\[/, 'NO_COLOR turns colour off');
	unlike(on_tty(WITHLOG_COLOR => 'never'), qr/\e\[/, 'color = never turns it off');
}
my $r = run(cmd => [ 'perl', '-e', 'use Sys::Syslog; syslog("err", "boom")' ],
    preload => 1, env => { WITHLOG_OUTPUT => 'stderr', TERM => 'xterm' });
unlike($r->{stderr}, qr/\e\[/, 'no colour when stderr is a file');
$r = run(cmd => [ 'perl', '-e', 'use Sys::Syslog; syslog("err", "boom")' ],
    preload => 1, env => { WITHLOG_OUTPUT => 'stderr', WITHLOG_COLOR => 'always' });
like($r->{stderr}, qr/\e\[31mERROR\e\[0m/, 'color = always colours a file too');

done_testing();
