# Rsyslog.pm - a real rsyslogd for the network sink tests, and a driver
# for t/prog/steps.
#
#   my $rs = Rsyslog->start(dir => tmpdir());   # UDP and TCP on 127.0.0.1
#   $rs->udp_port, $rs->tcp_port
#   my @r = $rs->wait_records(N, 10);   # at least N records, 10 s at most
#   $rs->stop;  $rs->start_again;       # same ports, same output file
#
# rsyslogd runs in the foreground (-n) with its own configuration: only
# imudp and imtcp on free ports of 127.0.0.1 (no imuxsock, no imklog), and
# one action writing every message it gets to a file, one line each:
#
#   PRI|APP-NAME|PROCID|MSGID|STRUCTURED-DATA|MSG
#
# records() parses those lines into hashes (pri, app, procid, msgid, sd,
# msg, and the sd's parameters as params).  Every rsyslogd started here is
# killed in an END block, so a failing test never leaves one behind.
package Rsyslog;
use strict;
use warnings;
use IO::Socket::INET;
use POSIX qw(:sys_wait_h);
use Time::HiRes qw(time sleep);

my %running;	# pid => 1

sub free_port {
	my ($proto) = @_;
	my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0,
	    Proto => $proto, $proto eq 'tcp' ? (Listen => 1, ReuseAddr => 1) : ())
	    or die "no free $proto port: $!";
	my $port = $s->sockport;
	close($s);
	return $port;
}

sub start {
	my ($class, %o) = @_;
	my $self = bless {
		dir => $o{dir}, n => ++$Rsyslog::instances,
	}, $class;
	$self->{name} = "$o{dir}/rsyslog$self->{n}";
	mkdir $self->{name};
	$self->{out} = "$self->{name}/received.log";
	$self->{udp_port} = free_port('udp');
	$self->{tcp_port} = free_port('tcp');
	$self->start_again;
	return $self;
}

sub udp_port { $_[0]{udp_port} }
sub tcp_port { $_[0]{tcp_port} }

sub write_config {
	my ($self) = @_;
	my $d = $self->{name};
	open(my $fh, '>', "$d/rsyslog.conf") or die "$d/rsyslog.conf: $!";
	print $fh <<"EOF";
global(workDirectory="$d" net.enableDNS="off" maxMessageSize="64k")
module(load="imudp")
module(load="imtcp")
input(type="imudp" address="127.0.0.1" port="$self->{udp_port}")
input(type="imtcp" address="127.0.0.1" port="$self->{tcp_port}")
template(name="withlog_test" type="string"
    string="%pri%|%app-name%|%procid%|%msgid%|%structured-data%|%msg%\\n")
*.* action(type="omfile" file="$self->{out}" template="withlog_test")
EOF
	close($fh);
}

# Is PORT bound in /proc/net/{udp,tcp} (TCP: listening)?
sub bound {
	my ($proto, $port) = @_;
	my $hex = sprintf('%04X', $port);
	open(my $fh, '<', "/proc/net/$proto") or return 0;
	while (<$fh>) {
		my @f = split;
		next unless @f > 3 && $f[1] =~ /:$hex$/;
		return 1 if $proto eq 'udp' || $f[3] eq '0A';
	}
	return 0;
}

sub start_again {
	my ($self) = @_;
	$self->write_config;
	my $pid = fork() // die "fork: $!";
	if ($pid == 0) {
		open(STDIN, '<', '/dev/null');
		open(STDOUT, '>>', "$self->{name}/rsyslogd.out");
		open(STDERR, '>&', \*STDOUT);
		delete $ENV{LD_PRELOAD};
		exec('rsyslogd', '-n', '-f', "$self->{name}/rsyslog.conf",
		    '-i', "$self->{name}/rsyslogd.pid") or POSIX::_exit(127);
	}
	$running{$pid} = 1;
	$self->{pid} = $pid;
	my $end = time + 10;
	while (time < $end) {
		last if bound('udp', $self->{udp_port}) &&
		    bound('tcp', $self->{tcp_port});
		die "rsyslogd exited at start:\n" . $self->log
		    if waitpid($pid, WNOHANG) == $pid;
		sleep(0.02);
	}
	die "rsyslogd did not listen within 10 s:\n" . $self->log
	    unless bound('tcp', $self->{tcp_port});
}

# What rsyslogd said on its stderr.
sub log {
	my ($self) = @_;
	open(my $fh, '<', "$self->{name}/rsyslogd.out") or return '';
	local $/;
	return <$fh> // '';
}

# Stop it as an administrator would (SIGTERM: it writes what it has and
# closes its connections), waiting at most 10 s, then SIGKILL.
sub stop {
	my ($self) = @_;
	my $pid = delete $self->{pid} or return;
	kill 'TERM', $pid;
	my $end = time + 10;
	while (waitpid($pid, WNOHANG) == 0) {
		if (time > $end) {
			kill 'KILL', $pid;
			waitpid($pid, 0);
			last;
		}
		sleep(0.02);
	}
	delete $running{$pid};
}

sub lines {
	my ($self) = @_;
	open(my $fh, '<:raw', $self->{out}) or return ();
	my @l = <$fh>;
	chomp @l;
	return @l;
}

# The records received so far, parsed.
sub records {
	my ($self) = @_;
	my @r;
	for my $line ($self->lines) {
		my ($pri, $app, $procid, $msgid, $rest) = split(/\|/, $line, 5);
		my ($sd, $msg) = $rest =~ /^(-|(?:\[(?:[^"\]]|"(?:[^"\\]|\\.)*")*\])+)\|(.*)$/s
		    ? ($1, $2) : ($rest, '');
		my %p;
		while ($sd =~ /(\w[\w.]*)="((?:[^"\\]|\\.)*)"/g) {
			$p{$1} = $2;
		}
		push @r, { pri => $pri, app => $app, procid => $procid,
		    msgid => $msgid, sd => $sd, msg => $msg, params => \%p,
		    line => $line };
	}
	return @r;
}

# Wait until at least N records arrived (or SECONDS passed); returns them.
sub wait_records {
	my ($self, $n, $seconds) = @_;
	my $end = time + ($seconds // 10);
	my @r;
	while (time < $end) {
		@r = $self->records;
		last if @r >= $n;
		sleep(0.05);
	}
	return @r;
}

# Wait until no record came for QUIET seconds (at most SECONDS in all).
sub wait_quiet {
	my ($self, $quiet, $seconds) = @_;
	my $end = time + ($seconds // 15);
	my ($n, $since) = (-1, time);
	while (time < $end) {
		my $now = () = $self->lines;
		($n, $since) = ($now, time) if $now != $n;
		last if time - $since >= $quiet;
		sleep(0.05);
	}
	return $self->records;
}

sub DESTROY { $_[0]->stop }

END {
	for my $pid (keys %running) {
		kill 'KILL', $pid;
		waitpid($pid, 0);
	}
}

# ---- t/prog/steps, driven through pipes.
package Rsyslog::Steps;
use IPC::Open3;
use POSIX qw(:sys_wait_h);
use Symbol qw(gensym);

# Rsyslog::Steps->new(cmd => [...], env => {...}, stderr => FILE)
sub new {
	my ($class, %o) = @_;
	local %ENV = %ENV;
	delete $ENV{$_} for grep { /^WITHLOG_/ } keys %ENV;
	delete $ENV{LD_PRELOAD};
	$ENV{LC_ALL} = 'C.UTF-8';
	my %env = %{ $o{env} // {} };
	$ENV{$_} = $env{$_} for keys %env;
	open(my $err, '>', $o{stderr}) or die "$o{stderr}: $!";
	my ($in, $out);
	my $pid = open3($in, $out, '>&' . fileno($err), @{ $o{cmd} });
	close($err);
	$in->autoflush(1);
	$running{$pid} = 1;
	return bless { pid => $pid, in => $in, out => $out,
	    stderr => $o{stderr} }, $class;
}

# Send one command and wait (10 s at most) for its "done".
sub cmd {
	my ($self, $line) = @_;
	print { $self->{in} } "$line\n";
	my $rin = '';
	vec($rin, fileno($self->{out}), 1) = 1;
	my $got = '';
	my $end = Time::HiRes::time() + 10;
	while ($got !~ /\n/ && (my $left = $end - Time::HiRes::time()) > 0) {
		last unless select(my $rout = $rin, undef, undef, $left);
		sysread($self->{out}, my $c, 1) or last;
		$got .= $c;
	}
	return $got eq "done\n";
}

# Close its input (it returns from main) and wait at most 10 s; returns
# the exit status and what it wrote on stderr.
sub finish {
	my ($self) = @_;
	close($self->{in});
	my $end = Time::HiRes::time() + 10;
	while (waitpid($self->{pid}, WNOHANG) == 0) {
		if (Time::HiRes::time() > $end) {
			kill 'KILL', $self->{pid};
			waitpid($self->{pid}, 0);
			last;
		}
		Time::HiRes::sleep(0.01);
	}
	my $st = $?;
	delete $running{$self->{pid}};
	open(my $fh, '<:raw', $self->{stderr});
	local $/;
	my $text = <$fh> // '';
	return (WIFSIGNALED($st) ? 128 + WTERMSIG($st) : WEXITSTATUS($st),
	    $text);
}

1;
