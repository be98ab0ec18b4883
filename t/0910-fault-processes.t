#!/usr/bin/perl
# 0910 (processes): 100 children each logging after fork; a program that
# exec's itself 100 times with the library inherited; 64 threads logging
# while the main thread forks and execs 20 times.  No crash, no deadlock
# (time limits), the exit status kept, every line one event exactly once;
# openlog racing syslog on other threads.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More tests => 13;
use WL;

my $fault = prog('fault');
my %J = (WITHLOG_FORMAT => 'json', WITHLOG_RATE => '0');
sub msgs { map { $_->{msg} // "RAW:$_->{_raw}" } events($_[0]) }

{
	my $r = run(cmd => [ $fault, 'children', 100, 10 ], preload => 1, env => \%J,
	    timeout => 60);
	ok(!$r->{timed_out} && $r->{status} == 0 && $r->{stdout} eq "abnormal 0\n",
	    'a parent forking 100 children that each log and exit finishes, every child exiting normally');
	my (%seen, @bad);
	for my $m (msgs($r->{stderr})) {
		if ($m =~ /^child (\d+) line (\d+)$/ && $2 == ($seen{$1} // 0)) {
			$seen{$1} = $2 + 1;
		} elsif ($m ne 'parent done') {
			push @bad, $m;
		}
	}
	ok(!@bad && keys(%seen) == 100 && !grep({ $_ != 10 } values %seen),
	    'every line of every child is one event, once, in its order')
	    or diag(scalar(@bad) . ' unexpected: ' . join(' | ', @bad[0 .. ($#bad > 4 ? 4 : $#bad)]));
	is(scalar(grep { $_ eq 'parent done' } msgs($r->{stderr})), 1,
	    "and the parent's own line is one event");
}

{
	my $plain = run(cmd => [ $fault, 'reexec', 100 ], timeout => 60);
	# (each generation writes "generation N" and " starting\n" in two
	# calls; on a loaded machine the two can be more than line_idle's
	# default 50 ms apart, and the line is not what this test is about)
	my $r = run(cmd => [ $fault, 'reexec', 100 ], preload => 1,
	    env => { %J, WITHLOG_LINE_IDLE => 5000 }, timeout => 60);
	ok(!$r->{timed_out} && $r->{status} == 5 && $plain->{status} == 5,
	    'a program that execs itself 100 times ends with the last exit status');
	my @want = map { ("generation $_ starting", "partial before exec $_") }
	    reverse 0 .. 100;
	is_deeply([ msgs($r->{stderr}) ], \@want,
	    'every generation logs with the inherited library, and the partial line it leaves before exec is delivered');
	my @ev = events($r->{stderr});
	my %pids = map { $_->{pid} // 0 => 1 } @ev;
	ok(keys(%pids) == 1 && !grep({ ($_->{seq} // 0) > 2 } @ev),
	    'all generations are one process, each numbering its events from 1');
}

{
	my $r = run(cmd => [ $fault, 'threads-fork', 64, 200, 20 ], preload => 1,
	    env => \%J, timeout => 120);
	ok(!$r->{timed_out} && $r->{status} == 0 && $r->{stdout} eq "failed children 0\n",
	    '64 threads logging while the main thread forks and execs 20 children: no deadlock, every child exits 0');
	my (%next, $bad, %child);
	for my $m (msgs($r->{stderr})) {
		if ($m =~ /^thread (\d+) line (\d+)$/ && $2 == ($next{$1} // 0)) {
			$next{$1} = $2 + 1;
		} elsif ($m =~ /^forked child (\d+) says hello$/) {
			$child{$1}++;
		} else {
			$bad++;
		}
	}
	ok(!$bad && keys(%next) == 64 && !grep({ $_ != 200 } values %next),
	    'every thread line is one event, once, in its order')
	    or diag(($bad // 0) . ' unexpected events');
	ok(keys(%child) == 20 && !grep({ $_ != 1 } values %child),
	    'every exec\'ed child logged its line once');
}

# openlog on one thread while four others call syslog: every event has
# one of the two idents with its own facility, never half of each.
{
	my $r = run(cmd => [ $fault, 'openlog-race', 4, 2000 ], preload => 1,
	    env => { %J, WITHLOG_SYSLOG_SOCKET => tmpdir() . '/no-such-socket' },
	    timeout => 60);
	my %pairs;
	$pairs{($_->{ident} // 'none') . '/' . ($_->{facility} // 'none')}++
	    for events($r->{stderr});
	my $n = 0;
	$n += $_ for values %pairs;
	is($n, 8000, 'four threads logging 2000 syslog lines each while openlog changes the ident give 8000 events');
	is_deeply([ grep { !/^(alpha\/user|betabetabeta\/daemon)$/ } sort keys %pairs ], [],
	    'each event has an ident and facility openlog set together, never one of each')
	    or diag(join(', ', map { "$_ $pairs{$_}" } sort keys %pairs));
}

# A fork while another thread is in the middle of openlog copies a change
# half done, and not the thread doing it: the child's own openlog must not
# wait for that thread for ever.
{
	my $r = run(cmd => [ $fault, 'openlog-fork', 50 ], preload => 1,
	    env => { %J, WITHLOG_SYSLOG_SOCKET => tmpdir() . '/no-such-socket' },
	    timeout => 120);
	is($r->{stdout}, "hung children 0\n",
	    'fifty children forked while a thread calls openlog in a loop all call openlog and syslog and exit');
	my %child;
	$child{$_->{msg}}++ for grep { ($_->{ident} // '') eq 'child' }
	    events($r->{stderr});
	is(scalar(keys %child), 50, 'and each child\'s line arrives with the ident it set');
}
