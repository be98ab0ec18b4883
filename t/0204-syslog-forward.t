#!/usr/bin/perl
# 0204: syslog events go to the syslog socket with their priority,
# facility, ident and pid; the /dev/log protocol spoken by a program itself
# is forwarded once; -o stderr sends them to stderr instead.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use IO::Socket::UNIX;
use Socket qw(SOCK_DGRAM);
use WL;

# A syslog receiver on a socket of our own: what arrives, in order.
sub receive_for {
	my ($case, $variant) = @_;
	my $path = tmpdir() . "/log.$case.$variant";
	unlink $path;
	my $s = IO::Socket::UNIX->new(Type => SOCK_DGRAM, Local => $path)
	    or die "socket $path: $!";
	my $r = run(cmd => [ prog('paths', $variant), $case ], preload => 1,
	    env => { WITHLOG_FORMAT => 'json', WITHLOG_SYSLOG_SOCKET => $path });
	my @got;
	$s->blocking(0);
	while (defined(my $from = $s->recv(my $buf, 65536))) {
		last if $buf eq '';
		push @got, $buf;
	}
	$r->{datagrams} = \@got;
	return $r;
}

for my $v (qw(O0 O2)) {
	my $r = receive_for('syslog', $v);
	my $pid = qr/\d+/;
	is(scalar @{ $r->{datagrams} }, 2, "$v: two syslog() calls send two datagrams");
	like($r->{datagrams}[0] // '', qr/^<28>tag\[$pid\]: one 1$/,
	    "$v: LOG_WARNING with openlog's ident and facility (daemon) is <28>");
	like($r->{datagrams}[1] // '',
	    qr/^<155>tag\[$pid\]: two No such file or directory$/,
	    "$v: a facility in the priority wins, and %m is the caller's errno");
	is($r->{stderr}, '', "$v: nothing of it goes to stderr");

	$r = receive_for('setlogmask', $v);
	is_deeply([ map { s/^<\d+>paths\[\d+\]: //r } @{ $r->{datagrams} } ],
	    [ 'one' ], "$v: setlogmask hides what it masks");

	$r = receive_for('devlog', $v);
	my @d = @{ $r->{datagrams} };
	like($d[0] // '', qr/^<27>mytag\[$pid\]: one$/,
	    "$v: an RFC 3164 datagram a program sends to /dev/log itself is forwarded once, with its tag");
	like($d[1] // '', qr/^<14>app\[$pid\]: two$/,
	    "$v: so is an RFC 5424 one");
	is(scalar @d, 2, "$v: and nothing is sent twice");

	# -o stderr: every event on stderr.
	my $e = run(cmd => [ prog('paths', $v), 'syslog' ], preload => 1,
	    env => { WITHLOG_FORMAT => 'json', WITHLOG_OUTPUT => 'stderr' });
	my @ev = events($e->{stderr});
	is_deeply([ map { "$_->{level} $_->{ident} $_->{facility} $_->{source}" } @ev ],
	    [ 'WARN tag daemon syslog', 'ERROR tag local3 syslog' ],
	    "$v: with -o stderr syslog events carry level, ident and facility on stderr");
}

# logger(1), a real program speaking the protocol itself (connect, then
# sendmsg), whether or not a syslog daemon listens on /dev/log.
{
	my $path = tmpdir() . "/log.logger";
	my $s = IO::Socket::UNIX->new(Type => SOCK_DGRAM, Local => $path)
	    or die "socket $path: $!";
	my $r = run(cmd => [ 'logger', '-t', 'mytag', '-p', 'local2.err',
	    'disk is failing' ], preload => 1,
	    env => { WITHLOG_SYSLOG_SOCKET => $path });
	$s->blocking(0);
	my @d;
	while (defined($s->recv(my $buf, 65536))) {
		last if $buf eq '';
		push @d, $buf;
	}
	is($r->{status}, 0, 'logger exits 0 under the library');
	ok(@d == 1 && $d[0] =~ /^<147>mytag\[\d+\]: disk is failing$/,
	    "logger's message is forwarded once with its facility, priority and tag")
	    or diag(explain(\@d));
}

done_testing();
