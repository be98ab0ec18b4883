#!/usr/bin/perl
# 0814: a syslog-tcp sink whose rsyslogd goes away and comes back, through
# the wrapper and the library on a real program (t/prog/steps), with a
# 64 KiB queue: while the server is down the queue fills and the rest is
# dropped; once it is back the sink reconnects, sends a notice first
# ("dropped N events between T1 and T2", at WARN, with a dropped field),
# then what it kept.  The accounting must be exact: events delivered +
# drops reported = events produced, none delivered twice.  Then the ways
# a process ends with records still queued: exit with the server down
# (one line on stderr sums up the loss), abort and SIGSEGV with the server
# up (nothing lost).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More tests => 18;
use Time::HiRes qw(time sleep);
use WL;
use Rsyslog;

my $dir = tmpdir();
my $rs = Rsyslog->start(dir => $dir);
my $conf = "$dir/outage.conf";
open(my $fh, '>', $conf) or die;
printf $fh "ratelimit = off\n[sink central]\ntype = syslog-tcp\n"
    . "address = 127.0.0.1:%d\nqueue = 64k\n", $rs->tcp_port;
close($fh);

my $ts = qr/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z/;
my $why = qr/\((?:server unreachable|queue full)(?:, queue full)?\)/;

sub numbers {
	return map { $_->{msg} =~ /^event (\d+)$/ ? $1 : () } @_;
}

# ---- down, back up, then exit.
{
	my $s = Rsyslog::Steps->new(cmd => [ wl_script(), '-c', $conf, '--',
	    prog('steps') ], stderr => "$dir/outage.err");
	$s->cmd('log 6 1 100');
	my @r = $rs->wait_records(100, 10);
	is(scalar @r, 100, 'the first 100 events reach rsyslog');
	$rs->stop;
	$s->cmd('log 6 101 1100');
	sleep(0.3);
	$rs->start_again;
	my $end = time + 15;
	@r = $rs->records;
	until (grep({ $_->{msg} =~ /dropped/ } @r) || time > $end) {
		sleep(0.05);
		@r = $rs->records;
	}
	$s->cmd('log 6 1101 1200');
	my ($status, $err) = $s->finish;
	@r = $rs->wait_quiet(1, 15);

	my @notices = grep { $_->{msg} =~ /^withlog: / } @r;
	is(scalar @notices, 1, 'one notice arrives after the outage');
	my $n = $notices[0] // { msg => '', params => {} };
	my ($count) = $n->{msg} =~ /^withlog: sink 'central' dropped (\d+) events between $ts and $ts $why$/;
	ok(defined $count, "it says how many events were dropped, when, and why")
	    or diag($n->{msg});
	$count //= -1;
	is($n->{params}{dropped}, $count, 'its dropped field holds the same count');
	is("$n->{pri} $n->{params}{level}", '12 WARN', 'it is at WARN (user.warning)');

	my @got = numbers(@r);
	my %seen;
	my $twice = grep { $seen{$_}++ } @got;
	is($twice, 0, 'no event is delivered twice');
	is(@got + $count, 1200, 'delivered + reported dropped = 1200 produced');
	my $kept = 1000 - $count;
	is_deeply(\@got, [ 1 .. 100 + $kept, 1101 .. 1200 ],
	    "what arrives is events 1-100, the $kept the queue kept, then 1101-1200, in order");
	my ($first_after) = grep { $r[$_]{msg} =~ /^event (\d+)$/ && $1 > 100 } 0 .. $#r;
	my ($notice_at) = grep { $r[$_]{msg} =~ /^withlog: / } 0 .. $#r;
	ok(defined $notice_at && defined $first_after && $notice_at < $first_after,
	    'the notice comes first on the new connection');
	is($err, '', 'nothing is lost at exit, so nothing is said on stderr');
	is($status, 0, 'the program exits 0');
}

# ---- exit while the server is down.
{
	my $before = () = $rs->lines;
	my $s = Rsyslog::Steps->new(cmd => [ wl_script(), '-c', $conf, '--',
	    prog('steps') ], stderr => "$dir/down.err");
	$s->cmd('log 6 1 50');
	$rs->wait_records($before + 50, 10);
	$rs->stop;
	$s->cmd('log 6 51 450');
	my $t0 = time;
	my ($status, $err) = $s->finish;
	my $took = time - $t0;
	my ($dropped, $unsent) = $err =~ /^withlog: sink 'central' lost 400 events: dropped (\d+) events? between $ts and $ts $why, and could not send (\d+) events? before exit \(connection refused\)\n\z/;
	ok(defined $dropped && $dropped + $unsent == 400,
	    'exiting with the server down: one line on stderr sums up the 400 events lost')
	    or diag($err);
	ok($took < 3, sprintf('and the exit waits a bounded time (%.2f s)', $took));
	$rs->start_again;
	my @r = $rs->records;
	splice(@r, 0, $before);
	is_deeply([ numbers(@r) ], [ 1 .. 50 ], 'the 50 sent before are there once');
}

# ---- abort and SIGSEGV with records queued: they are sent first.
for my $how (qw(abort segv)) {
	my $before = () = $rs->lines;
	my $big = "$dir/big.conf";
	open(my $bf, '>', $big) or die;
	printf $bf "ratelimit = off\n[sink central]\ntype = syslog-tcp\n"
	    . "address = 127.0.0.1:%d\nqueue = 8M\n", $rs->tcp_port;
	close($bf);
	my $s = Rsyslog::Steps->new(cmd => [ wl_script(), '-c', $big, '--',
	    prog('steps') ], stderr => "$dir/$how.err");
	print { $s->{in} } "log 6 1 5000\n$how\n";
	my ($status, $err) = $s->finish;
	my @r = $rs->wait_records($before + 5000, 10);
	splice(@r, 0, $before);
	is($status, $how eq 'abort' ? 134 : 139,
	    "$how: the program still dies of its signal");
	is_deeply([ numbers(@r) ], [ 1 .. 5000 ],
	    "$how: all 5000 events logged just before arrive, once, in order")
	    or diag($err);
}
