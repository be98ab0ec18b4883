#!/usr/bin/perl
# 0901 (daemons and syslog): nginx serving on loopback with its error log
# on stderr (master and worker, a request for a missing file, a graceful
# stop), logger(1) speaking the syslog protocol itself, and python3
# calling syslog(3).  Without and with the library: same exit status and
# stdout, every stderr line and syslog message in exactly one event, each
# at the level a careful person gives it (conventions: t/corpus/README.md).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use IO::Socket::INET;
use IO::Socket::UNIX;
use Socket qw(SOCK_DGRAM);
use WL;
use RealProgs;

my $dir = tmpdir() . '/daemons';
mkdir $dir;
chdir $dir or die "$dir: $!";
sub put { open(my $fh, '>', $_[0]) or die "$_[0]: $!"; print $fh $_[1]; close $fh }

# A free loopback port for nginx.
my $port = do {
	my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0,
	    Listen => 1, ReuseAddr => 1) or die "socket: $!";
	$s->sockport;
};
mkdir "$dir/ng";
mkdir "$dir/ng/html";
# The worker runs as nobody: it must reach the document root.
chmod 0711, tmpdir(), $dir;
put("$dir/ng/nginx.conf", <<"CONF");
daemon off;
master_process on;
worker_processes 1;
error_log stderr notice;
pid $dir/ng/nginx.pid;
events { worker_connections 16; }
http {
	access_log off;
	client_body_temp_path $dir/ng/tmp;
	proxy_temp_path $dir/ng/tmp;
	fastcgi_temp_path $dir/ng/tmp;
	uwsgi_temp_path $dir/ng/tmp;
	scgi_temp_path $dir/ng/tmp;
	server { listen 127.0.0.1:$port; root $dir/ng/html; }
}
CONF
# The driver starts nginx, waits until it accepts connections, asks for
# a page that does not exist, stops it gracefully (SIGQUIT) and exits
# with its status; it prints the HTTP status line on stdout.
put("$dir/drive.pl", <<'PL');
use strict;
use IO::Socket::INET;
my ($port, @cmd) = @ARGV;
my $pid = fork // die "fork: $!";
if (!$pid) { exec(@cmd) or exit 127 }
my $s;
for (1 .. 1000) {
	last if $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$port");
	select(undef, undef, undef, 0.01);
}
die "nginx never listened\n" unless $s;
print $s "GET /missing HTTP/1.0\r\nHost: localhost\r\n\r\n";
my $line = <$s>;
print $line =~ s/\r//r;
close $s;
kill 'QUIT', $pid;
waitpid($pid, 0);
exit($? >> 8);
PL

my $nginx = {
	name => 'nginx on loopback',
	cmd => [ 'perl', "$dir/drive.pl", $port, 'nginx', '-p', "$dir/ng", '-c',
	    "$dir/ng/nginx.conf", '-e', 'stderr' ],
	status => 0, unordered => 1,
	# Times, pids and the worker's name for itself change from run to run.
	mask => sub { $_[0] =~ s/\d+/N/gr },
	events => [
	    [ qr/\[notice\] \d+#\d+: using the "epoll" event method$/, 'INFO' ],
	    [ qr/\[notice\] \d+#\d+: nginx\/[\d.]+$/, 'INFO' ],
	    [ qr/\[notice\] \d+#\d+: OS: Linux/, 'INFO' ],
	    [ qr/\[notice\] \d+#\d+: getrlimit\(RLIMIT_NOFILE\)/, 'DEBUG' ],
	    [ qr/\[notice\] \d+#\d+: start worker processes$/, 'INFO' ],
	    [ qr/\[notice\] \d+#\d+: start worker process \d+$/, 'INFO' ],
	    [ qr/\[error\] \d+#\d+: \*1 open\(\) ".*\/missing" failed \(2: No such file or directory\)/,
	      'WARN' ],
	    [ qr/\[notice\] \d+#\d+: signal 3 \(SIGQUIT\) received from \d+, shutting down$/, 'INFO' ],
	    [ qr/\[notice\] \d+#\d+: gracefully shutting down$/, 'INFO' ],
	    [ qr/\[notice\] \d+#\d+: exiting$/, 'INFO' ],
	    [ qr/\[notice\] \d+#\d+: exit$/, 'INFO' ],
	    [ qr/\[notice\] \d+#\d+: signal 17 \(SIGCHLD\) received from \d+$/, 'DEBUG' ],
	    [ qr/\[notice\] \d+#\d+: worker process \d+ exited with code 0$/, 'INFO' ],
	    [ qr/\[notice\] \d+#\d+: exit$/, 'INFO' ] ],
};

# logger(1): the plain run sends to a receiver of ours (-u), the run with
# the library sends to /dev/log as usual and the library takes it.
my @loggers = (
	[ 'logger -p daemon.err', [ '-t', 'myapp', '-p', 'daemon.err',
	    'database connection lost' ], '',
	  [ [ 'database connection lost', 'ERROR', 'myapp', 'daemon' ] ] ],
	[ 'logger -p user.info reading lines', [ '-t', 'backup', '-p', 'user.info' ],
	  "backup started\nbackup finished: 120 files\n",
	  [ [ 'backup started', 'INFO', 'backup', 'user' ],
	    [ 'backup finished: 120 files', 'INFO', 'backup', 'user' ] ] ],
	[ 'logger -p daemon.warning', [ '-t', 'diskmon', '-p', 'daemon.warning',
	    'disk usage at 91% on /var' ], '',
	  [ [ 'disk usage at 91% on /var', 'WARN', 'diskmon', 'daemon' ] ] ],
);

my $pysys = q{import syslog
syslog.openlog("pyapp", syslog.LOG_PID, syslog.LOG_DAEMON)
syslog.syslog(syslog.LOG_ERR, "cannot reach upstream 10.0.0.1: connection refused")
syslog.syslog(syslog.LOG_INFO, "worker 3 started")
syslog.syslog(syslog.LOG_DEBUG, "cache hit ratio 0.93")
print("sent")
};
my @py_want = (
	[ 'cannot reach upstream 10.0.0.1: connection refused', 'ERROR', 'pyapp', 'daemon' ],
	[ 'worker 3 started', 'INFO', 'pyapp', 'daemon' ],
	[ 'cache hit ratio 0.93', 'DEBUG', 'pyapp', 'daemon' ],
);

my $n = tests_for($nginx) + 2 * @loggers + 2;
$n += @{ $_->[3] } for @loggers;
$n += @py_want;
plan tests => $n;

check_program($nginx);

# The syslog events of a run: each must be one of WANT, in order, with its
# level, ident and facility.
sub syslog_levels {
	my ($name, $ev, $want) = @_;
	for my $i (0 .. $#$want) {
		my ($msg, $level, $ident, $fac) = @{ $want->[$i] };
		my $e = $ev->[$i] // {};
		my $got = join(' ', map { $_ // '-' } @$e{qw(source ident facility level)});
		is($got, "syslog $ident $fac $level",
		    "$name: the message '$msg' is a syslog event of $ident ($fac) at $level");
	}
}

for my $l (@loggers) {
	my ($name, $args, $stdin, $want) = @$l;
	my $sock = "$dir/log.sock";
	unlink $sock;
	my $rx = IO::Socket::UNIX->new(Type => SOCK_DGRAM, Local => $sock)
	    or die "socket $sock: $!";
	my $plain = run(cmd => [ 'logger', '-u', $sock, @$args ], stdin => $stdin);
	$rx->blocking(0);
	my @dgrams;
	while (defined($rx->recv(my $buf, 65536))) {
		last if $buf eq '';
		push @dgrams, $buf;
	}
	my $r = run(cmd => [ 'logger', @$args ], stdin => $stdin, preload => 1,
	    env => { WITHLOG_FORMAT => 'json', WITHLOG_OUTPUT => 'stderr' });
	my @ev = events($r->{stderr});
	ok($r->{status} == $plain->{status} && $r->{stdout} eq $plain->{stdout} &&
	    !$r->{timed_out},
	    "$name: the exit status and stdout are those of a run without the library")
	    or diag("exit $r->{status} vs $plain->{status}");
	# Each datagram of the plain run ends with its message.
	my @p;
	push @p, scalar(@ev) . ' events for ' . scalar(@dgrams) . ' datagrams'
	    if @ev != @dgrams;
	for my $i (0 .. $#dgrams) {
		my $m = $ev[$i]{msg} // '';
		push @p, "datagram '$dgrams[$i]' vs event '$m'"
		    unless $m ne '' && $dgrams[$i] =~ /: \Q$m\E\n?$/;
	}
	ok(!@p, "$name: every message is in exactly one event")
	    or diag(join("\n", @p, $r->{stderr}));
	syslog_levels($name, \@ev, $want);
}

# python3's syslog module calls syslog(3).  Without the library, with no
# syslog daemon, the messages go nowhere, so they are compared with what
# the program was asked to send.
{
	my $plain = run(cmd => [ '/usr/bin/python3', '-c', $pysys ]);
	my $r = run(cmd => [ '/usr/bin/python3', '-c', $pysys ], preload => 1,
	    env => { WITHLOG_FORMAT => 'json', WITHLOG_OUTPUT => 'stderr' });
	my @ev = events($r->{stderr});
	ok($r->{status} == $plain->{status} && $r->{status} == 0 &&
	    $r->{stdout} eq $plain->{stdout},
	    'python3 syslog: the exit status and stdout are those of a run without the library');
	is_deeply([ map { $_->{msg} } @ev ], [ map { $_->[0] } @py_want ],
	    'python3 syslog: every message is in exactly one event, in order');
	syslog_levels('python3 syslog', \@ev, \@py_want);
}
chdir '/';
