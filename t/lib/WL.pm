# WL.pm - helpers for withlog's end-to-end tests.
#
# run() starts a real program, with or without the library, with stdout
# and stderr captured to files (no pipe deadlocks), a time limit, and an
# optional environment; events() parses the JSON records withlog wrote.
package WL;
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use File::Temp qw(tempdir);
use JSON::PP;
use POSIX qw(:sys_wait_h);
use Exporter 'import';

our @EXPORT = qw(run events lib_path prog tmpdir slurp top wl_script
    watch_stderr);

my $TOP = abs_path(dirname(__FILE__) . '/../..');

sub top { $TOP }
sub lib_path { "$TOP/interpose/libwithlog.so" }
sub wl_script { "$TOP/scripts/withlog" }

# prog(NAME, VARIANT): a test program built by 'make test-progs'.
sub prog {
	my ($name, $variant) = @_;
	$variant //= 'O2';
	return "$TOP/t/bin/$variant/$name";
}

my $TMP;
sub tmpdir { $TMP //= tempdir('withlog-t-XXXXXX', TMPDIR => 1, CLEANUP => 1) }

sub slurp {
	my ($path) = @_;
	open(my $fh, '<:raw', $path) or return undef;
	local $/;
	my $s = <$fh>;
	return $s // '';
}

# run(cmd => [...], preload => 1, env => {...}, stdin => STRING,
#     timeout => SECONDS, stderr_to_stdout => 1)
# Returns { status => exit code (128+N for signal N), stdout, stderr,
#           timed_out }.
sub run {
	my %o = @_;
	my $dir = tmpdir();
	my $n = ++$WL::runs;
	my ($out, $err, $in) = map { "$dir/run$n.$_" } qw(out err in);
	open(my $ifh, '>:raw', $in) or die "$in: $!";
	print $ifh ($o{stdin} // '');
	close($ifh);
	my $pid = fork() // die "fork: $!";
	if ($pid == 0) {
		open(STDIN, '<', $in) or die;
		open(STDOUT, '>', $out) or die;
		if ($o{stderr_to_stdout}) {
			open(STDERR, '>&', \*STDOUT) or die;
		} else {
			open(STDERR, '>', $err) or die;
		}
		delete $ENV{$_} for grep { /^WITHLOG_/ } keys %ENV;
		delete $ENV{LD_PRELOAD};
		$ENV{LC_ALL} = 'C.UTF-8';
		my %env = %{ $o{env} // {} };
		$ENV{$_} = $env{$_} for keys %env;
		$ENV{LD_PRELOAD} = lib_path() if $o{preload};
		exec(@{ $o{cmd} }) or POSIX::_exit(127);
	}
	my $limit = $o{timeout} // 30;
	my $t0 = time;
	my $timed_out = 0;
	while (waitpid($pid, WNOHANG) == 0) {
		if (time - $t0 > $limit) {
			kill 'KILL', $pid;
			waitpid($pid, 0);
			$timed_out = 1;
			last;
		}
		select(undef, undef, undef, 0.01);
	}
	my $st = $?;
	my $status = WIFSIGNALED($st) ? 128 + WTERMSIG($st) : WEXITSTATUS($st);
	return {
		status => $status,
		stdout => slurp($out),
		stderr => $o{stderr_to_stdout} ? '' : slurp($err),
		timed_out => $timed_out,
	};
}

# watch_stderr(cmd => [...], env => {...}, seconds => S, until => qr//)
# Starts the command with the library and its stderr on a pipe, reads for
# at most S seconds (stopping early once the text read matches UNTIL),
# then kills it.  Returns (text read, seconds until UNTIL matched or undef).
# For tests about *when* output arrives.
sub watch_stderr {
	my %o = @_;
	pipe(my $rd, my $wr) or die "pipe: $!";
	my $pid = fork() // die "fork: $!";
	if ($pid == 0) {
		close $rd;
		open(STDERR, '>&', $wr) or die;
		delete $ENV{$_} for grep { /^WITHLOG_/ } keys %ENV;
		my %env = %{ $o{env} // {} };
		$ENV{$_} = $env{$_} for keys %env;
		$ENV{LD_PRELOAD} = lib_path();
		exec(@{ $o{cmd} }) or POSIX::_exit(127);
	}
	close $wr;
	require Time::HiRes;
	my $t0 = Time::HiRes::time();
	my ($got, $when) = ('', undef);
	my $rin = '';
	vec($rin, fileno($rd), 1) = 1;
	while ((my $left = $t0 + $o{seconds} - Time::HiRes::time()) > 0) {
		last unless select(my $rout = $rin, undef, undef, $left);
		sysread($rd, my $buf, 65536) or last;
		$got .= $buf;
		if ($o{until} && $got =~ $o{until}) {
			$when = Time::HiRes::time() - $t0;
			last;
		}
	}
	kill 'KILL', $pid;
	waitpid($pid, 0);
	close $rd;
	return ($got, $when);
}

# events(TEXT): the JSON records in TEXT, one per line, as hashes.  A
# line that is not a JSON object is returned as { _raw => LINE }.
sub events {
	my ($text) = @_;
	my @ev;
	for my $line (split /\n/, $text) {
		my $e = eval { JSON::PP->new->utf8->decode($line) };
		push @ev, ref $e eq 'HASH' ? $e : { _raw => $line };
	}
	return @ev;
}

1;
