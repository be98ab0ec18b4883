#!/usr/bin/perl
# 0701: flood control end to end: floods from 1, 4 and 16 threads and
# from forked children; the accounting identity (delivered + counted in
# summaries = sent), a distinct ERROR in the middle of a flood delivered,
# and summaries within a window after a flood stops.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use POSIX ();
use Time::HiRes qw(time);
use WL;

my %ENVJ = (WITHLOG_FORMAT => 'json', WITHLOG_OUTPUT => 'stderr');

sub account {
	my ($r) = @_;
	my ($sent) = $r->{stdout} =~ /^sent (\d+)$/m;
	my ($delivered, $summed, $errors, $summaries) = (0, 0, 0, 0);
	for my $e (events($r->{stderr})) {
		if (($e->{api} // '') eq 'ratelimit') {
			$summed += $e->{suppressed};
			$summaries++;
		} else {
			$delivered++;
			$errors++ if ($e->{msg} // '') =~ /^disk failed/;
		}
	}
	return ($sent // -1, $delivered, $summed, $errors, $summaries);
}

for my $c ([ 1, 20000, 0 ], [ 4, 5000, 0 ], [ 16, 2000, 0 ], [ 2, 3000, 4 ]) {
	my ($threads, $lines, $children) = @$c;
	my $what = $children ? "$children forked children of $threads threads"
	    : "$threads thread" . ($threads > 1 ? 's' : '');
	my $r = run(cmd => [ prog('flood'), $threads, $lines, $children, 0 ],
	    preload => 1, env => \%ENVJ, timeout => 60);
	my ($sent, $delivered, $summed, $errors, $summaries) = account($r);
	my $producers = ($children || 1) * $threads;
	ok($sent > 0 && $delivered + $summed == $sent,
	    "$what: delivered + counted in summaries = sent")
	    or diag("sent $sent delivered $delivered summarized $summed");
	ok($delivered < $sent / 10, "$what: the flood is held back")
	    or diag("delivered $delivered of $sent");
	is($errors, $producers, "$what: every distinct ERROR amid the flood is delivered");
}

# Summaries are driven by time: one comes within a window of the flood
# stopping, long before the program goes on.
{
	my (undef, $when) = watch_stderr(cmd => [ prog('flood'), 1, 5000, 0, 4000 ],
	    env => \%ENVJ, seconds => 3.5, until => qr/"api":"ratelimit"/);
	ok(defined $when && $when < 2.5,
	    'a summary arrives within a window after the flood, while the program still sleeps')
	    or diag('after ' . ($when // 'never'));
}

# -r 0 turns limiting off; -r RATE,BURST sets it.
my $r = run(cmd => [ wl_script(), '-r', '0', '-f', 'json', '-o', 'stderr',
    prog('flood'), 1, 3000, 0, 0 ]);
my ($sent, $delivered, $summed) = account($r);
is("$delivered $summed", "$sent 0", '-r 0 delivers every event');
$r = run(cmd => [ wl_script(), '-r', '100/1s,7', '-f', 'json', '-o', 'stderr',
    prog('flood'), 1, 3000, 0, 0 ]);
($sent, $delivered, $summed) = account($r);
ok($delivered >= 7 + 1 + 1 && $delivered < 7 + 1 + 1 + 20 && $delivered + $summed == $sent,
    '-r 100/1s,7 lets the burst of 7 through, then 100 per second');
$r = run(cmd => [ wl_script(), '-r', 'fast', 'true' ]);
is($r->{status}, 125, 'a bad -r value exits 125');

done_testing();
