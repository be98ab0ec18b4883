#!/usr/bin/perl
# 0812: the journald sink, through the library and the wrapper on a real
# program (t/prog/steps), received by t/prog/journal-recv, a stand-in for
# journald that checks the native protocol: every field of each entry,
# exactly; a multi-line report in the binary-safe form; field names made
# safe; and a journald that is not there: one notice, then every event on
# stderr.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More tests => 10;
use POSIX qw(:sys_wait_h);
use Time::HiRes qw(sleep time);
use WL;
use Rsyslog;

my $dir = tmpdir();

# Start journal-recv on SOCKET; it stops after COUNT entries, or 3 s
# without one.
sub receiver {
	my ($socket, $count) = @_;
	my $out = "$socket.entries";
	my $pid = fork() // die "fork: $!";
	if ($pid == 0) {
		open(STDOUT, '>', $out) or die;
		exec(prog('journal-recv'), $socket, $count, 3000) or POSIX::_exit(127);
	}
	my $end = time + 5;
	sleep(0.01) until -S $socket || time > $end;
	return ($pid, $out);
}

sub collect {
	my ($pid, $out) = @_;
	my $end = time + 10;
	while (waitpid($pid, WNOHANG) == 0) {
		if (time > $end) {
			kill 'KILL', $pid;
			waitpid($pid, 0);
			last;
		}
		sleep(0.02);
	}
	my @entries;
	for (split /(?=^entry \d+ )/m, slurp($out) // '') {
		push @entries, $_;
	}
	return @entries;
}

my $socket = "$dir/journal.sock";
my ($rpid, $rout) = receiver($socket, 4);
my $conf = "$dir/journal.conf";
open(my $fh, '>', $conf) or die;
print $fh "[sink j]\ntype = journald\naddress = $socket\n";
close($fh);

my $steps = Rsyslog::Steps->new(cmd => [ wl_script(), '-c', $conf,
    '--field', 'message=mine', '--field', 'build.id=42', '--',
    prog('steps') ], stderr => "$dir/steps1.err");
$steps->cmd('log 3 1 1');
$steps->cmd('syslog 4 2 2');
$steps->cmd('traceback');
$steps->cmd('sleep 300');
$steps->cmd('log 7 3 3');
my ($status, $err) = $steps->finish;
my @e = collect($rpid, $rout);
is($status, 0, 'the program exits 0 under the journald sink');
is($err, '', 'and nothing of its logging goes to stderr');
is(scalar @e, 4, 'journald gets one entry per event');

# The variable parts: pid, tid, time.
my ($pid) = ($e[0] // '') =~ /^SYSLOG_PID=(\d+)$/m;
$pid //= 'none';
s/^WITHLOG_TIME=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/WITHLOG_TIME=T/mg for @e;
s/^entry (\d+) bytes=\d+/entry $1 bytes=N/mg for @e;

is($e[0], <<"EOF", 'a stderr line: priority, identifier, pid, message and every field, exactly');
entry 1 bytes=N memfd=0
PRIORITY=3
SYSLOG_IDENTIFIER=steps
SYSLOG_PID=$pid
TID=$pid
MESSAGE=event 1
WITHLOG_LEVEL=ERROR
WITHLOG_SEVERITY=17
WITHLOG_SOURCE=stderr
WITHLOG_API=__fprintf_chk
WITHLOG_SEQ=1
WITHLOG_TIME=T
LEVEL_SRC=sd-daemon
F_MESSAGE=mine
BUILD_ID=42
EOF
is($e[1], <<"EOF", 'a syslog() call keeps its facility (local3 is 19) and ident');
entry 2 bytes=N memfd=0
PRIORITY=4
SYSLOG_FACILITY=19
SYSLOG_IDENTIFIER=steps
SYSLOG_PID=$pid
TID=$pid
MESSAGE=event 2
WITHLOG_LEVEL=WARN
WITHLOG_SEVERITY=13
WITHLOG_SOURCE=syslog
WITHLOG_API=__syslog_chk
WITHLOG_SEQ=2
WITHLOG_TIME=T
F_MESSAGE=mine
BUILD_ID=42
EOF
like($e[2] // '', qr/^MESSAGE~Traceback \(most recent call last\):\\n  File "x\.py", line 1, in <module>\\nValueError: bad value$/m,
    'a three-line traceback is one entry, its message in the binary-safe form');
like($e[2] // '', qr/^PRIORITY=2\n(?:.*\n)*WITHLOG_LEVEL=FATAL$/m,
    'an uncaught exception is FATAL, sent as crit (2): emerg, which journald broadcasts to every terminal, is only for a program that sent it');
like($e[3] // '', qr/^PRIORITY=7\nSYSLOG_IDENTIFIER=steps\n(?:.*\n)*MESSAGE=event 3\n/m,
    'a debug line is priority 7, and entries come in order');

# No journald: the first failure says so once, the events go to stderr.
my $none = "$dir/nobody.sock";
open($fh, '>', $conf) or die;
print $fh "[sink j]\ntype = journald\naddress = $none\n";
close($fh);
$steps = Rsyslog::Steps->new(cmd => [ wl_script(), '-c', $conf, '--',
    prog('steps') ], stderr => "$dir/steps2.err");
$steps->cmd('log 3 1 2');
$steps->cmd('sleep 200');
$steps->cmd('log 4 3 3');
($status, $err) = $steps->finish;
$err =~ s/\[\d+\]/[PID]/g;
is($err, "withlog: cannot connect sink 'j' to '$none': no such socket (its events go to stderr until it can)\n"
    . "<3>steps[PID]: event 1\n<3>steps[PID]: event 2\n<4>steps[PID]: event 3\n",
    'without journald one notice says so and every event goes to stderr, none lost');
is($status, 0, 'and the program exits 0');
