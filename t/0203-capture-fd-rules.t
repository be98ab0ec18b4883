#!/usr/bin/perl
# 0203: which descriptors are stderr (README, "Which descriptors are
# stderr"), errno and return values kept, C++ streams, and programs that
# write before the library's constructor ran.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use WL;

my %JSON = (WITHLOG_FORMAT => 'json');
sub msgs { map { $_->{msg} // "RAW:$_->{_raw}" } events($_[0]) }

for my $v (qw(O0 O2)) {
	my $paths = prog('paths', $v);

	# stdout redirected onto stderr's file (2>&1): both are stderr.
	my $r = run(cmd => [ $paths, 'stdout' ], preload => 1, env => \%JSON,
	    stderr_to_stdout => 1);
	is_deeply([ msgs($r->{stdout}) ], [ 'one', 'two' ],
	    "$v: with 2>&1 onto one file, writes to fd 1 are stderr events too");

	# dup2(file, 2): stderr is now the file.
	my $file = tmpdir() . "/dup2file.$v";
	$r = run(cmd => [ $paths, 'dup2file', $file ], preload => 1,
	    env => \%JSON);
	is_deeply([ msgs(slurp($file)) ], [ 'one' ],
	    "$v: after dup2(file, 2) events go to the file");
	is($r->{stderr}, '', "$v: and nothing goes to the old stderr");

	# close(2): writes fail as they would, nothing comes out.
	my $plain = run(cmd => [ $paths, 'close2' ]);
	$r = run(cmd => [ $paths, 'close2' ], preload => 1, env => \%JSON);
	is($r->{stdout}, $plain->{stdout},
	    "$v: after close(2) write returns what it returns without the library");
	is($r->{stdout}, "-1 Bad file descriptor\n",
	    "$v: which is -1 with EBADF");

	# errno survives a captured call.
	$r = run(cmd => [ $paths, 'errno' ], preload => 1, env => \%JSON);
	is($r->{stdout}, "1234 1234\n", "$v: fprintf and write on stderr keep errno");

	# openlog(LOG_PERROR): the event goes to stderr too.
	my $sock = tmpdir() . "/nosuchsocket";
	$r = run(cmd => [ $paths, 'perror_opt' ], preload => 1,
	    env => { %JSON, WITHLOG_SYSLOG_SOCKET => $sock });
	is_deeply([ msgs($r->{stderr}) ], [ 'one' ],
	    "$v: with no syslog socket a syslog event comes out on stderr once");
}

# C++ iostreams, synced with stdio (fwrite/putc) and not (write).
for my $mode (qw(sync unsync)) {
	my $r = run(cmd => [ prog('cerr'), $mode ], preload => 1, env => \%JSON);
	is_deeply([ msgs($r->{stderr}) ], [ 'one 1', 'two', 'three' ],
	    "std::cerr and std::clog ($mode with stdio) give one event per line");
}

# Another library's constructor writes first, whichever order they load.
my $early = top() . '/t/bin/libearly.so';
for my $order ([ $early, lib_path() ], [ lib_path(), $early ]) {
	my $r = run(cmd => [ '/bin/true' ],
	    env => { %JSON, LD_PRELOAD => join(' ', @$order) });
	is_deeply([ msgs($r->{stderr}) ], [ 'early constructor', 'early write' ],
	    'writes from a constructor that runs before or after ours are events ('
	    . ($order->[0] eq $early ? 'early first' : 'withlog first') . ')');
}

done_testing();
