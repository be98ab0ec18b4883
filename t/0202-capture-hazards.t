#!/usr/bin/perl
# 0202: living inside the host: signal handlers that write while the
# thread is inside the library, 16 threads with split lines, fork while
# threads log, vfork, every way a process ends (nothing accepted is lost),
# long lines, hostile bytes.  Every run has a time limit: a deadlock fails.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use WL;

# These cases flood on purpose to stress capture: rate limiting is off.
my %JSON = (WITHLOG_FORMAT => 'json', WITHLOG_RATE => '0', WITHLOG_EXTRACT => 'off');

sub under {
	my ($case, %o) = @_;
	my $r = run(cmd => [ prog('hazards', $o{variant} // 'O2'), $case ],
	    preload => 1, env => \%JSON, timeout => $o{timeout} // 60);
	$r->{events} = [ events($r->{stderr}) ];
	return $r;
}

sub msgs { map { $_->{msg} // "RAW:$_->{_raw}" } @{ $_[0]{events} } }

# Signal handlers.
{
	my $r = under('signal');
	my ($handled) = $r->{stdout} =~ /^handled (\d+)$/m;
	my @m = msgs($r);
	my $sig = grep { $_ eq 'sig' } @m;
	my $main = grep { /^main \d+$/ } @m;
	my $raw = grep { /^RAW:/ } @m;
	ok(!$r->{timed_out} && $r->{status} == 0,
	    'a handler writing to stderr every 100 us never deadlocks the program');
	is($main, 20000, 'every line of the interrupted thread is one event');
	ok(defined $handled && $handled > 0 && $sig == $handled && $raw == 0,
	    'every line a signal handler wrote is one event, even inside the library')
	    or diag("handled=" . ($handled // '?') . " events=$sig raw=$raw");
}

# Threads: no mixing inside a line, per-thread order kept.
{
	my $r = under('threads');
	my (%next, $bad, $n);
	for my $m (msgs($r)) {
		$n++;
		if ($m =~ /^thread (\d+) line (\d+)$/ && $2 == ($next{$1} // 0)) {
			$next{$1} = $2 + 1;
		} else {
			$bad++;
		}
	}
	is($n, 16000, '16 threads writing 1000 split lines give 16000 events');
	ok(!$bad && keys %next == 16,
	    'no line of one thread mixes with another and each thread keeps its order')
	    or diag(($bad // 0) . ' bad lines');
}

# fork while other threads are inside the library.
{
	my $r = under('fork');
	like($r->{stdout}, qr/^children ok 50$/m,
	    'fifty children forked while four threads log all run and exit');
	my %child = map { $_ => 1 } grep { /^child \d+$/ } msgs($r);
	is(scalar(keys %child), 50, 'every child logged its line as an event');
}

# vfork: the child shares the parent's memory and must not touch it.
# ThreadSanitizer's runtime, first in LD_PRELOAD, defines vfork as fork:
# the library's vfork never runs there, and the child is a fork child.
SKIP: {
	skip 'under ThreadSanitizer vfork is fork', 1
	    if ($ENV{WITHLOG_TEST_SAN} // '') eq 'tsan';
	my $r = under('vfork');
	my @m = msgs($r);
	is_deeply(\@m, [ 'RAW:child raw', 'parent partial done', 'exec child' ],
	    "a vfork child passes through without disturbing the parent's partial line, and an exec'ed child logs with the library");
}

# Every way out delivers the partial line.
for my $c ([ '_exit', 7 ], [ 'exit', 8 ], [ 'return', 9 ], [ 'abort', 134 ],
    [ 'exec', 0 ], [ 'thread_exit', 6 ]) {
	my ($case, $status) = @$c;
	my $r = under($case);
	my @m = msgs($r);
	my $want = $case eq 'thread_exit' ? 'partial of main' :
	    "partial before $case";
	ok($r->{status} == $status && @m == 1 && $m[0] eq $want,
	    "a partial line is delivered when the process ends by $case")
	    or diag("status $r->{status}; events: @m");
}

# Long lines are split at 64 KiB, not dropped.
{
	my $r = under('long');
	my @len = map { length } msgs($r);
	is_deeply(\@len, [ 65536, 65536, 65536, 8192 ],
	    'a 200 KiB line becomes four events of at most 64 KiB');
}

# Hostile bytes: one record per line, nothing forged.
{
	my $r = under('hostile');
	my @m = msgs($r);
	is(scalar(@m), 3, 'hostile bytes give exactly one record per line');
	is($m[0], "nul\0byte \x{fffd}\x{fffd} bad \e[31mred\e[0m cr\rmid tab\t%s%n {\"level\":\"FATAL\"}",
	    'NUL, invalid UTF-8, escapes, CR and format directives survive in msg');
	# Forging means making a record the program did not write: the
	# injected text is the program's own next line, one event with
	# exactly that message (what level it gets is the classifier's).
	is_deeply([ @m[1, 2] ], [ 'injected', '{"level":"FATAL","msg":"x"}' ],
	    'a newline in a message gives the next line as its own event, never a forged record');
	my $crlf = under('crlf');
	is_deeply([ msgs($crlf) ], [ 'windows line' ], 'a CR LF line loses its CR');
}

# A prompt without a newline reaches stderr long before the program goes on.
{
	my ($got) = watch_stderr(cmd => [ prog('hazards'), 'prompt' ],
	    env => { WITHLOG_FORMAT => 'json' }, seconds => 1.0, until => qr/\n/);
	like($got, qr/"msg":"Name: "/,
	    'a prompt written without a newline reaches stderr within a second');
}

# How long a partial line waits for more is line_idle (50 ms by default):
# a program that writes a line in pieces over a slow second can keep it
# whole.
{
	my $r = run(cmd => [ prog('hazards'), 'prompt' ], preload => 1,
	    env => { WITHLOG_FORMAT => 'json' });
	is_deeply([ map { $_->{msg} } events($r->{stderr}) ], [ 'Name: ', 'later' ],
	    'by default a partial line idle for 1.5 s is an event of its own');
	$r = run(cmd => [ prog('hazards'), 'prompt' ], preload => 1,
	    env => { WITHLOG_FORMAT => 'json', WITHLOG_LINE_IDLE => '5000' });
	is_deeply([ map { $_->{msg} } events($r->{stderr}) ], [ 'Name: later' ],
	    'with line_idle = 5000 the pieces written 1.5 s apart are one line');
}

done_testing();
