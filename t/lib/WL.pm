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
    watch_stderr bin_dir preload_value match_lines conf);

my $TOP = abs_path(dirname(__FILE__) . '/../..');

# The sanitizer passes (mk/hardening.mk) run the same tests against
# instrumented builds kept in build/SAN/: these variables name the library,
# the wrapper beside it, the test programs, and the sanitizer runtime that
# must come first in LD_PRELOAD when an uninstrumented program loads an
# instrumented library.  Unset, the tests use the normal build.
sub top { $TOP }
sub lib_path { $ENV{WITHLOG_TEST_LIB} // "$TOP/interpose/libwithlog.so" }
sub wl_script { $ENV{WITHLOG_TEST_SCRIPT} // "$TOP/scripts/withlog" }
sub bin_dir { $ENV{WITHLOG_TEST_BIN} // "$TOP/t/bin" }

# preload_value(): what LD_PRELOAD holds for a run with the library.
sub preload_value {
	my $rt = $ENV{WITHLOG_TEST_PRELOAD};
	return defined $rt && $rt ne '' ? "$rt " . lib_path() : lib_path();
}

# prog(NAME, VARIANT): a test program built by 'make test-progs'.
sub prog {
	my ($name, $variant) = @_;
	$variant //= 'O2';
	return bin_dir() . "/$variant/$name";
}

# In a child about to exec: the test's environment on top of a clean one.
# A sanitizer pass puts its runtime in LD_PRELOAD of every run the test
# does not give an LD_PRELOAD of its own, so that the wrapper (which
# appends) and the plain runs compared with it both load it first.
sub _child_env {
	my ($env, $preload) = @_;
	my $rt = $ENV{WITHLOG_TEST_PRELOAD};
	my $with = preload_value();
	delete $ENV{$_} for grep { /^WITHLOG_/ } keys %ENV;
	delete $ENV{LD_PRELOAD};
	$ENV{LD_PRELOAD} = $rt if defined $rt && $rt ne '';
	$ENV{$_} = $env->{$_} for keys %$env;
	$ENV{LD_PRELOAD} = $with if $preload;
}

my $TMP;
sub tmpdir { $TMP //= tempdir('withlog-t-XXXXXX', TMPDIR => 1, CLEANUP => 1) }

# Write TEXT to the file NAME in the test's directory, with MODE (0644
# unless given: the library refuses files others can write); returns its
# path.
sub conf {
	my ($name, $text, $mode) = @_;
	my $path = tmpdir() . "/$name";
	open(my $fh, '>', $path) or die "$path: $!";
	print $fh $text;
	close $fh or die "$path: $!";
	chmod($mode // 0644, $path) or die "$path: $!";
	return $path;
}

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
		$ENV{LC_ALL} = 'C.UTF-8';
		_child_env($o{env} // {}, $o{preload});
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
		_child_env($o{env} // {}, 1);
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

# match_lines(NATIVE, EVENTS, mask => CODE, unordered => 1): compare the
# stderr a program wrote without the library (NATIVE, text) with the
# events it gave with it (hashes from events()): every native line must
# be in exactly one event, once, in order (a multi-line event holds
# several lines, joined by "\n").  The err(3)/error(3) family's
# "prog: " prefix is not in the message (the event has prog), so for
# those entry points the native line may carry it.  MASK, applied to
# both sides, hides what changes from run to run (times, pids);
# UNORDERED compares the lines as multisets (several processes).
# Returns a list of problems, empty when they match.
my $PREFIXED = qr/^(?:v?(?:err|warn)x?|error|error_at_line)$/;

sub match_lines {
	my ($native, $events, %o) = @_;
	my $mask = $o{mask} // sub { $_[0] };
	# The events were decoded from JSON, whose escaping turns each
	# invalid byte into U+FFFD: decode the native bytes the same way.
	require Encode;
	$native = Encode::decode('UTF-8', $native);
	my @want = map { $mask->($_) } split /\n/, $native, -1;
	pop @want if @want && $want[-1] eq '';
	my @got;
	for my $e (@$events) {
		return ("a record that is not JSON: $e->{_raw}") if exists $e->{_raw};
		my @l = split /\n/, $e->{msg} // '', -1;
		@l = ('') unless @l;
		my $pfx = ($e->{api} // '') =~ $PREFIXED;
		push @got, [ $mask->(shift @l), $pfx ];
		push @got, [ $mask->($_), 0 ] for @l;
	}
	my $same = sub {
		my ($line, $g) = @_;
		return 1 if $line eq $g->[0];
		return 0 unless $g->[1];
		# "prog: msg", or error_at_line's "prog:file:line: msg".
		my $n = length($line) - length($g->[0]);
		return $n >= 2 && substr($line, $n) eq $g->[0] &&
		    substr($line, 0, $n) =~ /^\S+[: ]$/;
	};
	my @problems;
	if ($o{unordered}) {
		my @left = @got;
		LINE: for my $line (@want) {
			for my $i (0 .. $#left) {
				if ($same->($line, $left[$i])) {
					splice(@left, $i, 1);
					next LINE;
				}
			}
			push @problems, "no event holds the line '$line'";
		}
		push @problems, "an event line not in the native output: '$_->[0]'"
		    for @left;
		return @problems;
	}
	for my $i (0 .. ($#want > $#got ? $#want : $#got)) {
		my ($line, $g) = ($want[$i], $got[$i]);
		if (!defined $g) {
			push @problems, "no event holds the line '$line'";
		} elsif (!defined $line) {
			push @problems, "an event line not in the native output: '$g->[0]'";
		} elsif (!$same->($line, $g)) {
			push @problems, "line $i: native '$line', event '$g->[0]'";
		}
	}
	return @problems;
}

1;
