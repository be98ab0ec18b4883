#!/usr/bin/perl
# 0803: the file sink: one write per record; size-based rotation shared
# by two processes writing the same file at once (every record kept,
# none torn or written twice); keep; a file logrotate moved away is
# reopened; a file that cannot be opened costs one notice and no record;
# the file is created 0640 (less the umask).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More tests => 16;
use POSIX qw(:sys_wait_h);
use Time::HiRes qw(sleep);
use WL;

my $dir = tmpdir();


# Start the program in the background with the library; returns its pid.
sub start {
	my ($env, @cmd) = @_;
	my $pid = fork() // die "fork: $!";
	if ($pid == 0) {
		open(STDOUT, '>', '/dev/null');
		open(STDERR, '>', "$dir/bg.$$.err");
		delete $ENV{$_} for grep { /^WITHLOG_/ } keys %ENV;
		$ENV{$_} = $env->{$_} for keys %$env;
		$ENV{LD_PRELOAD} = lib_path();
		exec(@cmd) or POSIX::_exit(127);
	}
	return $pid;
}

sub finish {
	my ($pid, $limit) = @_;
	my $t0 = time;
	while (waitpid($pid, WNOHANG) == 0) {
		if (time - $t0 > $limit) {
			kill 'KILL', $pid;
			waitpid($pid, 0);
			return -1;
		}
		sleep(0.01);
	}
	return $? >> 8;
}

# The records of every file named BASE, BASE.1, ...: [ list of messages,
# number of lines that are not whole JSON records, number of files ].
sub collect {
	my ($base) = @_;
	my (@msgs, $torn, $files);
	$torn = 0;
	for my $f (grep { -f } ($base, map { "$base.$_" } 1 .. 200)) {
		$files++;
		my $text = slurp($f);
		$torn++ if length($text) && substr($text, -1) ne "\n";
		for my $e (events($text)) {
			if (defined $e->{_raw}) {
				$torn++;
			} else {
				push @msgs, $e->{msg};
			}
		}
	}
	return (\@msgs, $torn, $files // 0);
}

# One write per record, and the record is the whole line.
SKIP: {
	skip 'strace is not installed', 2
	    unless system('sh', '-c', 'command -v strace >/dev/null') == 0;
	my $log = "$dir/one.log";
	my $trace = "$dir/trace.out";
	run(cmd => [ 'env', "LD_PRELOAD=" . lib_path(), "WITHLOG_OUTPUT=file:$log",
	    'WITHLOG_FORMAT=json', 'WITHLOG_RATE=0', 'strace', '-f', '-qq',
	    '-y', '-e', 'trace=write', '-e', 'signal=none', '-o', $trace,
	    prog('sinks'), 'count', '20', 'S' ]);
	my @writes = grep { /^\d+ +write\(\d+<\Q$log\E>/ } split /\n/,
	    slurp($trace) // '';
	my @lines = split /(?<=\n)/, slurp($log) // '';
	is(scalar(@writes), 20, 'twenty records are twenty writes to the file');
	is_deeply([ map { /= (\d+)$/ ? $1 : -1 } @writes ],
	    [ map { length } @lines ],
	    'each write is one whole record, newline included');
}

# Two processes write 3000 records each into one file rotated at 64 KiB.
{
	my $log = "$dir/shared.log";
	my $conf = conf('shared.conf', <<"EOF");
ratelimit = off
[sink shared]
type = file
path = $log
format = json
max_size = 64k
keep = 100
EOF
	my %env = (WITHLOG_CONFIG => $conf);
	my @pids = map { start(\%env, prog('sinks'), 'count', 3000, $_) } qw(A B);
	my @st = map { finish($_, 60) } @pids;
	is("@st", '0 0', 'both writers ran to completion');
	my ($msgs, $torn, $files) = collect($log);
	is($torn, 0, 'no record is torn across the rotations');
	my %seen;
	$seen{$_}++ for @$msgs;
	my @missing = grep { !$seen{$_} } map {
	    my $t = $_; map { sprintf("record %s %06d padding-padding-padding-padding-padding-padding", $t, $_) } 1 .. 3000 } qw(A B);
	is(scalar(@missing), 0, 'every record of both writers is in one of the files')
	    or diag("missing: @missing[0 .. ($#missing < 4 ? $#missing : 4)]");
	is(scalar(@$msgs), 6000, 'and none twice');
	ok($files >= 10, "the file was rotated ($files files for about 1.3 MB)");
	my @sizes = map { -s $_ } grep { -f } map { "$log.$_" } 1 .. 200;
	my @big = grep { $_ > 64 * 1024 * 1.5 } @sizes;
	is(scalar(@big), 0, 'no rotated file grew past one and a half times max_size')
	    or diag("sizes: @sizes");
	diag("rotation: 6000 records from 2 processes in $files files, " .
	    "largest rotated " . (sort { $b <=> $a } @sizes)[0] . " bytes");
}

# keep = 2: the oldest files fall off, and nothing else is created.
{
	my $log = "$dir/keep.log";
	my $conf = conf('keep.conf', "ratelimit = off\n[sink k]\ntype = file\n" .
	    "path = $log\nformat = json\nmax_size = 4k\nkeep = 2\n");
	my $r = run(cmd => [ prog('sinks'), 'count', 500, 'K' ], preload => 1,
	    env => { WITHLOG_CONFIG => $conf });
	my @files = sort map { s{.*/}{}r } glob("$log*");
	is("@files", 'keep.log keep.log.1 keep.log.2',
	    'keep = 2 leaves the file and two rotated ones');
	my @cur = events(slurp($log) // '');
	is(@cur ? $cur[-1]{msg} : '', 'record K 000500 padding-padding-padding-padding-padding-padding',
	    'and the newest record is in the current file');
}

# logrotate moves the file away (its default "create" mode): the sink
# notices within about a second and writes to a new file; no record is
# lost and each is written once, in order.
{
	my $log = "$dir/moved.log";
	my $pid = start({ WITHLOG_OUTPUT => "file:$log", WITHLOG_FORMAT => 'json',
	    WITHLOG_RATE => 0 }, prog('sinks'), 'slow', 40, 50, 'M');
	sleep(0.6);
	my $lr = conf('logrotate.conf', "$log {\n\trotate 5\n\tcreate 0640\n\tmissingok\n}\n");
	my $how;
	if (system("logrotate -f -s $dir/lr.state $lr 2>/dev/null") == 0) {
		$how = 'logrotate';
	} else {
		rename($log, "$log.1") or die;
		$how = 'rename';
	}
	is(finish($pid, 30), 0, "the writer runs on after the $how");
	my @old = map { $_->{msg} } events(slurp("$log.1") // '');
	my @new = map { $_->{msg} } events(slurp($log) // '');
	my @want = map { sprintf("record M %06d padding-padding-padding-padding-padding-padding", $_) } 1 .. 40;
	is_deeply([ @old, @new ], \@want,
	    'every record is in the moved file or the new one, once, in order');
	ok(@new >= 10 && @old >= 5,
	    'the sink reopened the name within about a second (' .
	    scalar(@old) . ' records before, ' . scalar(@new) . ' after)');
}

# A file that cannot be opened: one notice, every record on stderr.
{
	my $r = run(cmd => [ prog('sinks'), 'count', 3, 'F' ], preload => 1,
	    env => { WITHLOG_OUTPUT => "file:$dir/no/such/dir/x.log",
	    WITHLOG_FORMAT => 'json' });
	my @l = split /\n/, $r->{stderr};
	is($l[0] // '', "withlog: sink 'file:$dir/no/such/dir/x.log': cannot write '$dir/no/such/dir/x.log': No such file or directory (its records go to stderr)",
	    'a file that cannot be opened is reported once');
	is_deeply([ map { $_->{msg} } events(join("\n", @l[1 .. $#l])) ],
	    [ map { sprintf("record F %06d padding-padding-padding-padding-padding-padding", $_) } 1 .. 3 ],
	    'and its records go to stderr, none lost');
}

# The file is created 0640 less the umask (records may hold secrets).
{
	my $log = "$dir/mode.log";
	my $r = run(cmd => [ 'sh', '-c', 'umask 022; exec "$0" count 1 P', prog('sinks') ],
	    preload => 1, env => { WITHLOG_OUTPUT => "file:$log" });
	is(sprintf('%04o', (stat $log)[2] & 07777), '0640', 'a new file is created 0640');
}
