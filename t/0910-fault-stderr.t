#!/usr/bin/perl
# 0910 (stderr that fails): fd 2 closed; stderr a full pipe, non-blocking
# and blocking; stderr a file, and a file sink, over RLIMIT_FSIZE.  In each: no crash, no
# deadlock (every run has a time limit), the exit status of a run without
# the library, the program told the truth about its writes, and no event
# lost without being counted (delivered, reported to the program as a
# failed write, or counted in a rate-limit summary).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More tests => 23;
use WL;

my $fault = prog('fault');
my %J = (WITHLOG_FORMAT => 'json', WITHLOG_RATE => '0');

# Complete JSON records in TEXT, and what follows the last newline.
sub records {
	my ($text) = @_;
	my $tail = $text =~ s/([^\n]*)\z// ? $1 : '';
	my @ev = events($text);
	return (\@ev, $tail);
}

# fd 2 closed: every kind of call fails as it would, nothing crashes.
{
	my $plain = run(cmd => [ $fault, 'closed' ], timeout => 30);
	my $r = run(cmd => [ $fault, 'closed' ], preload => 1, env => \%J, timeout => 30);
	ok(!$r->{timed_out} && $r->{status} == 0 && $plain->{status} == 0,
	    'a program that closed stderr and then logs through write, fprintf, perror and syslog exits normally');
	is($r->{stdout}, $plain->{stdout},
	    'write and fprintf fail with the same results and errno as without the library');
}

# A non-blocking pipe that no one reads.
{
	my $r = run(cmd => [ $fault, 'pipe-nb', 600 ], preload => 1, env => \%J,
	    timeout => 10);
	my ($head, $rest) = split /\n/, $r->{stdout}, 2;
	my ($ok, $eagain) = ($head // '') =~ /^ok (\d+) eagain (\d+) other 0$/;
	my ($ev, $tail) = records($rest // '');
	my @bad = grep { exists $_->{_raw} } @$ev;
	ok(!$r->{timed_out} && $r->{status} == 0,
	    'writing 600 lines to a full non-blocking stderr pipe returns within the time limit');
	ok(defined $ok && $ok + $eagain == 600 && $eagain > 0,
	    'each write either succeeds or fails with EAGAIN, as it would without the library')
	    or diag($head // 'no output');
	ok(defined $ok && @$ev == $ok && !@bad && $tail eq '',
	    'every line the program was told was written is one whole record in the pipe, and no record is cut')
	    or diag("told ok " . ($ok // '?') . ", records " . scalar(@$ev) .
		", broken " . scalar(@bad) . ", tail '" . substr($tail, 0, 60) . "'");
}

# A non-blocking pipe read slowly, with records longer than the pipe
# takes at once: a record once started is finished, never cut by the next.
{
	my $r = run(cmd => [ $fault, 'pipe-nb-slow', 300, 20000 ], preload => 1,
	    env => \%J, timeout => 60);
	my $text = $r->{stdout};
	my $head = $text =~ s/([^\n]*)\n\z// ? $1 : '';
	my ($ok, $eagain) = $head =~ /^ok (\d+) eagain (\d+) other 0$/;
	my ($ev, $tail) = records($text);
	my @bad = grep { exists $_->{_raw} || ($_->{msg} // '') !~ /^long line \d+ x+$/ || length($_->{msg}) != 19999 } @$ev;
	ok(!$r->{timed_out} && $r->{status} == 0 && defined $ok && $ok + $eagain == 300,
	    'writing 300 lines of 20000 bytes to a slowly read non-blocking pipe finishes, each write succeeding or failing with EAGAIN')
	    or diag($head);
	ok(defined $ok && @$ev == $ok && !@bad && $tail eq '',
	    'every long line the program was told was written is one whole record, none cut by the next')
	    or diag("told ok " . ($ok // '?') . ", records " . scalar(@$ev) .
		", broken " . scalar(@bad));
}

# The same, exiting with stderr still open: at exit the library says how
# many records stderr refused, so even those are counted where the reader
# sees them.
{
	my $counts = tmpdir() . '/nb-counts';
	my $r = run(cmd => [ 'sh', '-c', "$fault pipe-nb-slow 300 20000 keep 3>$counts | cat" ],
	    preload => 1, env => \%J, timeout => 60);
	my ($ok, $eagain) = (slurp($counts) // '') =~ /^ok (\d+) eagain (\d+) other 0$/;
	my $text = $r->{stdout};
	my $last = $text =~ s/([^\n]*)\n\z// ? $1 : '';
	my ($ev, $tail) = records($text);
	my @bad = grep { exists $_->{_raw} } @$ev;
	ok(defined $ok && $eagain > 0 && @$ev == $ok && !@bad && $tail eq '',
	    'a program that exits with a full non-blocking stderr still open leaves one whole record per write it was told succeeded')
	    or diag("counts " . (slurp($counts) // '?') . ", records " . scalar(@$ev));
	is($last, "withlog: " . ($eagain // '?') . " records could not be written to stderr",
	    'the last line counts the records stderr refused, one per write that failed with EAGAIN');
}

# A file sink over RLIMIT_FSIZE (SIGXFSZ left at its default, which
# kills): the record that would cross the limit is refused, the program
# lives on, and the sink's records go to stderr from then on, each once.
{
	my $dir = tmpdir() . '/fsink';
	mkdir $dir;
	my $log = "$dir/sink.log";
	my $conf = conf('fsize-sink.conf', "ratelimit = off\n[sink f]\ntype = file\npath = $log\nformat = json\n");
	my $loop = 'i=0; while [ $i -lt 100 ]; do echo "line $i of a sink over its limit" >&2; i=$((i+1)); done';
	my $r = run(cmd => [ 'sh', '-c', "(ulimit -f 8; $loop; echo status \$?) 2>&1 | cat" ],
	    preload => 1, env => { WITHLOG_CONFIG => $conf }, timeout => 30);
	my $file = slurp($log) // '';
	my ($in_file, $tail) = records($file);
	my @out = split /\n/, $r->{stdout};
	my $notice = shift @out // '';
	my @on_stderr = events(join("\n", @out) . "\n");
	my @status = map { $_->{msg} } grep { ($_->{msg} // '') =~ /^status / } @on_stderr;
	is_deeply(\@status, [ 'status 0' ],
	    'a program whose file sink reaches RLIMIT_FSIZE is not killed by SIGXFSZ');
	ok(length($file) <= 4096 && $tail eq '' && @$in_file > 0 && !grep({ exists $_->{_raw} } @$in_file),
	    'the sink file stays within the limit and holds whole records')
	    or diag(length($file) . " bytes, tail '$tail'");
	is($notice, "withlog: sink 'f': cannot write '$log': File too large (its records go to stderr)",
	    'one notice says why the sink failed and where its records go');
	my @lines = map { $_->{msg} } @$in_file, grep { ($_->{msg} // '') =~ /^line / } @on_stderr;
	is_deeply(\@lines, [ map { "line $_ of a sink over its limit" } 0 .. 99 ],
	    'the lines in the file and then on stderr are all 100, each once, in order');
}

# A blocking pipe read slowly: the writer waits, nothing is lost.
{
	my $r = run(cmd => [ $fault, 'pipe-block', 3000 ], preload => 1, env => \%J,
	    timeout => 60);
	my @ev = events($r->{stdout});
	my $last = pop @ev;
	my @want = map { "blocking line $_ of a pipe read slowly" } 0 .. 2999;
	ok(!$r->{timed_out} && $r->{status} == 0 && ($last->{_raw} // '') eq 'ok 3000',
	    'a program writing 3000 lines into a blocking pipe read slowly finishes, every write succeeding');
	is_deeply([ map { $_->{msg} // "RAW:$_->{_raw}" } @ev ], \@want,
	    'every line is one event in the pipe, in order');

	# The same with the rate limiter on: what it drops, it counts, and
	# the count reaches the pipe before the program closes it.
	$r = run(cmd => [ $fault, 'pipe-block', 3000 ], preload => 1,
	    env => { WITHLOG_FORMAT => 'json' }, timeout => 60);
	@ev = events($r->{stdout});
	pop @ev;
	my $lines = grep { ($_->{msg} // '') =~ /^blocking line \d+ / } @ev;
	my $counted = 0;
	$counted += $_->{suppressed} // 0 for grep { ($_->{api} // '') eq 'ratelimit' } @ev;
	is($lines + $counted, 3000,
	    'with rate limiting, events delivered plus events counted in summaries are the 3000 written, though the program closes stderr before it exits');
}

# A file over RLIMIT_FSIZE with SIGXFSZ ignored: writes past the limit
# fail with EFBIG, the program is told, and what it was told succeeded is
# in the file.
{
	my $file = tmpdir() . '/fsize.err';
	my $plain = run(cmd => [ 'sh', '-c', "exec $fault fsize 1000 4096 2>$file.plain" ],
	    timeout => 30);
	my $r = run(cmd => [ 'sh', '-c', "exec $fault fsize 1000 4096 2>$file" ],
	    preload => 1, env => \%J, timeout => 30);
	my ($ok, $efbig) = $r->{stdout} =~ /^ok (\d+) efbig (\d+) other 0$/;
	my ($ev, $tail) = records(slurp($file) // '');
	my @bad = grep { exists $_->{_raw} } @$ev;
	is($r->{status}, $plain->{status},
	    'a program whose stderr file reaches RLIMIT_FSIZE keeps its exit status');
	ok(defined $ok && $ok + $efbig == 1000 && $efbig > 0,
	    'each of its writes either succeeds or fails with EFBIG, as without the library')
	    or diag($r->{stdout});
	ok(defined $ok && @$ev == $ok && !@bad,
	    'every write it was told succeeded is one whole record in the file')
	    or diag("told ok " . ($ok // '?') . ", records " . scalar(@$ev));
	is_deeply([ map { $_->{msg} } @$ev ], [ map { "file line $_" } 0 .. $#$ev ],
	    'the records in the file are its first lines, in order');
	ok(-s $file <= 4096, 'the file never grows past the limit');
}

# With SIGXFSZ left at its default the process dies of it, as it would.
{
	my $file = tmpdir() . '/fsize-die.err';
	my $plain = run(cmd => [ $fault, 'fsize', 1000, 4096, 'die' ], timeout => 30);
	my $r = run(cmd => [ 'sh', '-c', "exec $fault fsize 1000 4096 die 2>$file" ],
	    preload => 1, env => \%J, timeout => 30);
	is($plain->{status}, 128 + 25, 'without the library the program dies of SIGXFSZ');
	is($r->{status}, $plain->{status}, 'with it, it dies the same way');
}
