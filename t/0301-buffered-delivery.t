#!/usr/bin/perl
# 0301: buffered delivery (WITHLOG_BUFFER=MS): records wait at most MS,
# ERROR and above go at once, and nothing waiting is lost when the process
# exits, _exits, aborts, dies of a signal, execs or forks.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use POSIX ();
use Time::HiRes qw(time);
use WL;

my $prog = prog('buffered');

# Start CASE with stderr on a pipe; return what arrived within SECONDS.
sub within {
	my ($case, $ms, $seconds) = @_;
	my ($got) = watch_stderr(cmd => [ $prog, $case ], seconds => $seconds,
	    env => { WITHLOG_BUFFER => $ms, WITHLOG_OUTPUT => 'stderr' });
	return $got;
}

sub lines { join ',', map { /\]: (.*)$/ ? $1 : "RAW:$_" } split /\n/, $_[0] }

is(lines(within('wait', 5000, 1)), '',
    'with a 5 s delay nothing is written in the first second');
is(lines(within('wait', 200, 1.5)), 'first,second',
    'with a 200 ms delay the records arrive before the program goes on');
is(lines(within('urgent', 5000, 1)), 'first,second',
    'an ERROR record is written at once, after what waited before it');

my %env = (WITHLOG_BUFFER => 5000, WITHLOG_OUTPUT => 'stderr');
for my $c ([ 'exit', 3, 'first,second' ], [ '_exit', 4, 'first,second' ],
    [ 'abort', 134, 'first,second' ], [ 'segv', 139, 'first,second' ],
    [ 'term', 143, 'first,second' ], [ 'exec', 0, 'first,second,third' ],
    [ 'fork', 0, 'first,second,child' ]) {
	my ($case, $status, $want) = @$c;
	my $r = run(cmd => [ $prog, $case ], preload => 1, env => \%env,
	    timeout => 20);
	ok($r->{status} == $status && lines($r->{stderr}) eq $want,
	    "nothing waiting is lost when the process ends by $case, in order")
	    or diag("status $r->{status}: " . lines($r->{stderr}));
}

done_testing();
