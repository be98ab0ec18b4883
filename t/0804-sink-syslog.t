#!/usr/bin/perl
# 0804: the local syslog sink: one datagram per event to the socket it
# names (or WITHLOG_SYSLOG_SOCKET), RFC 3164 by default or RFC 5424, with
# the reclassified priority, the event's facility (user for stderr
# events) and the program's ident; its own level range; -o syslog; a
# socket nobody listens on sends the records to stderr with one notice.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More tests => 14;
use IO::Socket::UNIX;
use Socket qw(SOCK_DGRAM);
use WL;

my $dir = tmpdir();
my $n = 0;

sub conf_n {
	my ($text) = @_;
	my $path = "$dir/c" . ++$n . '.conf';
	open(my $fh, '>', $path) or die "$path: $!";
	print $fh $text;
	close $fh;
	return $path;
}

sub listener {
	my ($path) = @_;
	unlink $path;
	return IO::Socket::UNIX->new(Type => SOCK_DGRAM, Local => $path) ||
	    die "socket $path: $!";
}

sub drain {
	my ($s) = @_;
	my @got;
	$s->blocking(0);
	while (defined($s->recv(my $buf, 65536))) {
		last if $buf eq '';
		push @got, $buf;
	}
	return [ map { s/\[\d+\]/[PID]/r } @got ];
}

for my $v (qw(O0 O2)) {
	my $sock = "$dir/warn.$v.sock";
	my $s = listener($sock);
	my $conf = conf_n("ratelimit = off\n[sink local]\ntype = syslog\n" .
	    "address = $sock\nmin_level = warn\n");
	my $r = run(cmd => [ prog('sinks', $v), 'levels' ], preload => 1,
	    env => { WITHLOG_CONFIG => $conf });
	is_deeply(drain($s), [
	    '<12>sinks[PID]: WARNING: disk 91% full',
	    "<11>sinks[PID]: ERROR: cannot open '/var/db'",
	    '<10>sinks[PID]: FATAL: out of memory',
	    '<139>sinks-test[PID]: lost connection to db1' ],
	    "$v: WARN and above arrive as RFC 3164 datagrams with the new priority, the facility and the ident");
	is($r->{stderr}, '', "$v: and nothing is written to stderr");
}

# emerg and alert are broadcast to every terminal (rsyslog's *.emerg,
# journald's ForwardToWall): they go out only when the program itself
# sent that priority.  A FATAL read in the text ends one process: crit.
{
	my $sock = "$dir/emerg.sock";
	my $s = listener($sock);
	my $conf = conf_n("ratelimit = off\n[sink local]\ntype = syslog\n" .
	    "address = $sock\n");
	run(cmd => [ prog('sinks'), 'emerg' ], preload => 1,
	    env => { WITHLOG_CONFIG => $conf });
	is_deeply(drain($s), [
	    '<25>sinks-test[PID]: halting the system: power failure',
	    '<9>sinks[PID]: halting the system: disk controller failed',
	    '<10>sinks[PID]: panic: runtime error: index out of range [3] with length 3' ],
	    'only a priority the program sent is emerg or alert; a FATAL read in its text is sent as crit');
}

# RFC 5424, to WITHLOG_SYSLOG_SOCKET when the sink names no socket.
{
	my $sock = "$dir/5424.sock";
	my $s = listener($sock);
	my $conf = conf_n("ratelimit = off\n[sink local]\ntype = syslog\n" .
	    "format = rfc5424\nsource = syslog\n");
	run(cmd => [ prog('sinks'), 'levels' ], preload => 1,
	    env => { WITHLOG_CONFIG => $conf, WITHLOG_SYSLOG_SOCKET => $sock });
	my $d = drain($s);
	is(scalar(@$d), 2, 'format = rfc5424 sends one datagram per syslog event');
	like($d->[1] // '', qr/^<139>1 \S+Z \S+ sinks-test \d+ __syslog_chk \[withlog\@32473 level="ERROR" severity="17" tid="\d+" seq="8" source="syslog"\] lost connection to db1$/,
	    'an RFC 5424 line without its newline, the priority and ident kept');
	like($d->[0] // '', qr/^<142>1 .* sinks-test .*\] configuration reloaded$/,
	    'notice reclassified as info is <142> (local1.info)');
}

# -o syslog: every event, stderr ones too, to the socket.
{
	my $sock = "$dir/o.sock";
	my $s = listener($sock);
	my $r = run(cmd => [ wl_script(), '-o', 'syslog', '-r', '0', 'sh', '-c',
	    'echo "ERROR: from sh" >&2; logger -t tagged "from logger"' ],
	    env => { WITHLOG_SYSLOG_SOCKET => $sock });
	is_deeply(drain($s), [ '<11>sh[PID]: ERROR: from sh',
	    '<13>tagged[PID]: from logger' ],
	    '-o syslog sends stderr lines and syslog messages to the socket');
	is($r->{stderr}, '', 'and nothing to stderr');
}

# No one listens: one notice, the records on stderr, none lost.
{
	my $conf = conf_n("ratelimit = off\nformat = json\n[sink gone]\ntype = syslog\n" .
	    "address = $dir/nobody.sock\nmin_level = error\n");
	my $r = run(cmd => [ prog('sinks'), 'levels' ], preload => 1,
	    env => { WITHLOG_CONFIG => $conf });
	my @l = split /\n/, $r->{stderr};
	is($l[0] // '', "withlog: sink 'gone': cannot send to $dir/nobody.sock: No such file or directory (its records go to stderr)",
	    'a socket that is not there is reported once');
	is_deeply([ map { $_->{msg} } events(join("\n", @l[1 .. $#l])) ],
	    [ "ERROR: cannot open '/var/db'", 'FATAL: out of memory',
	      'lost connection to db1' ],
	    "and the sink's records go to stderr in the process's format");
}

# openlog(LOG_NDELAY) connects every syslog sink at once: a daemon that
# chroots later keeps its connection (here the socket's name is removed
# after openlog, and the message still arrives).
{
	my $sock = "$dir/ndelay.sock";
	my $s = listener($sock);
	my $conf = conf_n("[sink local]\ntype = syslog\naddress = $sock\n");
	my $r = run(cmd => [ prog('sinks'), 'ndelay', $sock ], preload => 1,
	    env => { WITHLOG_CONFIG => $conf });
	is_deeply(drain($s), [ '<28>early[PID]: after the socket is gone' ],
	    'openlog(LOG_NDELAY) connects the syslog sink before the name goes');
	is($r->{stderr}, '', 'so nothing falls back to stderr');
}
