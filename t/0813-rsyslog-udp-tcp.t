#!/usr/bin/perl
# 0813: the syslog-udp and syslog-tcp sinks against a real rsyslogd,
# through the wrapper and the library on a real program (t/prog/steps):
# every event arrives exactly once, in order, with its priority (the
# reclassified level and the facility), app-name, procid, msgid and
# structured data; a fork child's events arrive once, under its own pid;
# and 20000 events over TCP, none lost.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More tests => 22;
use Time::HiRes qw(time);
use WL;
use Rsyslog;

my $dir = tmpdir();
my $rs = Rsyslog->start(dir => $dir);

# Run steps with COMMANDS under the wrapper with OPTIONS; returns (exit
# status, stderr, pid).
sub steps {
	my ($name, $options, @commands) = @_;
	my $s = Rsyslog::Steps->new(cmd => [ wl_script(), @$options, '--',
	    prog('steps') ], stderr => "$dir/$name.err");
	my $all = 1;
	$all &&= $s->cmd($_) for @commands;
	my ($status, $err) = $s->finish;
	return ($status, $err, $s->{pid}, $all);
}

# The events "event K" (and "child K") among RECORDS, as "K:PRI:..."
# strings; FIELDS picks what each shows.
sub events_of {
	my (@records) = @_;
	return grep { $_->{msg} =~ /^(?:event|child) \d+$/ } @records;
}

for my $proto (qw(udp tcp)) {
	my $port = $proto eq 'udp' ? $rs->udp_port : $rs->tcp_port;
	my $before = () = $rs->lines;
	my ($status, $err, $pid, $all) = steps($proto,
	    [ '-o', "$proto://127.0.0.1:$port", '--field', 'note=a "b" ]' ],
	    'log 3 1 20', 'log 6 21 40', 'syslog 4 41 50', 'fork 1 3');
	ok($all && $status == 0, "$proto: the program runs its steps and exits 0");
	is($err, '', "$proto: nothing goes to stderr");
	my @r = $rs->wait_records($before + 53, 10);
	splice(@r, 0, $before);
	my @ev = events_of(@r);
	is(scalar @ev, 53, "$proto: rsyslog receives 53 events, no more");

	my @parent = grep { $_->{procid} eq $pid } @ev;
	is_deeply([ map { $_->{msg} } @parent ], [ map { "event $_" } 1 .. 50 ],
	    "$proto: the program's 50 events arrive exactly once, in order");
	is_deeply([ map { $_->{params}{seq} } @parent ], [ 1 .. 50 ],
	    "$proto: with seq 1 to 50");
	my %pri;
	$pri{"$_->{pri} $_->{params}{level} $_->{params}{severity} $_->{msgid}"}++
	    for @parent;
	is_deeply(\%pri, { '11 ERROR 17 __fprintf_chk' => 20,
	    '14 INFO 9 __fprintf_chk' => 20, '156 WARN 13 __syslog_chk' => 10 },
	    "$proto: priorities are user.err, user.info and local3.warning, with level, severity and msgid");
	ok(!grep({ $_->{app} ne 'steps' } @parent),
	    "$proto: the app-name is the program's (and the syslog ident)");
	is($parent[0]{sd} // '',
	    '[withlog@32473 level="ERROR" severity="17" tid="' . $pid
	    . '" seq="1" source="stderr" level_src="sd-daemon" note="a \"b\" \]"]',
	    "$proto: the structured data arrives whole, its '\"' and ']' escaped");

	my @child = grep { $_->{procid} ne $pid } @ev;
	is_deeply([ map { $_->{msg} } @child ], [ 'child 1', 'child 2', 'child 3' ],
	    "$proto: a fork child's 3 events arrive once, under its own pid");
	ok(@child == 3 && $child[0]{procid} =~ /^\d+$/ &&
	    $child[0]{params}{seq} eq '1',
	    "$proto: the child numbers its own events from 1");
}

# Throughput over TCP: 20000 events, a queue large enough for all.
{
	my $conf = "$dir/bulk.conf";
	open(my $fh, '>', $conf) or die;
	printf $fh "ratelimit = off\n[sink central]\ntype = syslog-tcp\naddress = 127.0.0.1:%d\nqueue = 16M\n",
	    $rs->tcp_port;
	close($fh);
	my $before = () = $rs->lines;
	my $t0 = time;
	my ($status, $err, $pid) = steps('bulk', [ '-c', $conf ],
	    'log 6 1 20000');
	my @r = $rs->wait_records($before + 20000, 30);
	my $took = time - $t0;
	splice(@r, 0, $before);
	my @ev = grep { $_->{procid} eq $pid } events_of(@r);
	my $in_order = 1;
	for my $i (0 .. $#ev) {
		$in_order = 0, last if $ev[$i]{msg} ne 'event ' . ($i + 1);
	}
	ok(@ev == 20000 && $in_order,
	    'tcp: 20000 events logged in a tight loop all arrive, once, in order');
	is($err, '', 'tcp: and none is reported lost');
	diag(sprintf('tcp: %d events to rsyslog in %.2f s: %.0f events/s',
	    scalar @ev, $took, @ev / ($took || 1)));
}
