#!/usr/bin/perl
# 0505: multi-line reports become one event: every real Python
# traceback, Java stack trace, Go panic and Rust panic of the corpus,
# written line by line by a real program, comes out as exactly one event
# whose msg is the whole report; the line after a report is its own
# event; gcc's context headers join the diagnostic after them; a report
# the program leaves hanging is delivered after a short idle time.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use WL;

my %ENVJ = (WITHLOG_FORMAT => 'json', WITHLOG_RATE => '0');

# The corpus's multi-line records that start with a report's first line.
open(my $fh, '<', top() . '/t/corpus/multiline.tsv') or die;
my @reports;
while (<$fh>) {
	chomp;
	next if /^#/;
	my ($level, $source, $prog, $msg) = split /\t/, $_, 4;
	$msg =~ s/\\(.)/$1 eq 'n' ? "\n" : $1 eq 't' ? "\t" : $1/ge;
	next unless $msg =~ /^(?:Traceback \(most recent call last\):|Exception in thread |panic: |fatal error: |thread '[^']*'.* panicked at )/;
	push @reports, [ $prog, $msg ];
}
close $fh;
ok(@reports >= 12, scalar(@reports) . ' reports of the four kinds in the corpus');

# A writer: each line its own write, then a plain line after the report.
my $writer = q{$| = 1; local $/; my $r = <STDIN>; for my $l (split /\n/, $r, -1) { syswrite STDERR, "$l\n" } syswrite STDERR, "next line\n"};
for my $r (@reports) {
	my ($prog, $msg) = @$r;
	my $res = run(cmd => [ 'perl', '-e', $writer ], stdin => $msg,
	    preload => 1, env => \%ENVJ);
	my @ev = events($res->{stderr});
	my $first = (split /\n/, $msg)[0];
	ok(@ev == 2 && ($ev[0]{msg} // '') eq $msg && ($ev[1]{msg} // '') eq 'next line',
	    "$prog: '" . substr($first, 0, 50) . "' is one event, the next line another")
	    or diag(scalar(@ev) . " events:\n" . join("\n---\n", map { $_->{msg} // $_->{_raw} } @ev));
}

# A compiler's context lines go into one event with the diagnostic they
# introduce, at its level: real gcc output, an include chain and two
# functions.  The source excerpt under a diagnostic stays a line of its own.
{
	my $dir = tmpdir() . '/gcc';
	mkdir $dir;
	open(my $h, '>', "$dir/bad.h") or die;
	print $h "static int helper(void) { int z; return 0; }\n";
	close $h;
	open(my $c, '>', "$dir/bad.c") or die;
	print $c "#include \"bad.h\"\nint main(void) { int unused; return undefined_thing + helper(); }\n";
	close $c;
	SKIP: {
	skip("ASan's runtime, loaded after libc into gcc, crashes in its own start-up", 2)
	    if ($ENV{WITHLOG_TEST_SAN} // '') eq 'asan';
	my $res = run(cmd => [ 'sh', '-c', "cd $dir && exec gcc -Wall -c bad.c -o bad.o" ],
	    preload => 1, env => \%ENVJ);
	my @ev = events($res->{stderr});
	my @heads = map { [ $_->{level}, $_->{msg} ] } grep { ($_->{msg} // '') =~ /\n/ } @ev;
	is_deeply(\@heads, [
	    [ 'WARN', "In file included from bad.c:1:\nbad.h: In function \x{2018}helper\x{2019}:\nbad.h:1:31: warning: unused variable \x{2018}z\x{2019} [-Wunused-variable]" ],
	    [ 'ERROR', "bad.c: In function \x{2018}main\x{2019}:\nbad.c:2:37: error: \x{2018}undefined_thing\x{2019} undeclared (first use in this function)" ] ],
	    "gcc's include chain and function headers are each one event with the diagnostic after them, at its level")
	    or diag(join("\n---\n", map { "$_->{level} $_->{msg}" } @ev));
	is(scalar(@ev), 10, 'the excerpts, the note and the headerless warning stay events of their own');
	}
	my @lonely = events(run(cmd => [ 'perl', '-e', q{syswrite STDERR, "x.c: In function 'f':\nsomething else entirely\n"} ],
	    preload => 1, env => \%ENVJ)->{stderr});
	is_deeply([ map { $_->{msg} } @lonely ], [ "x.c: In function 'f':", 'something else entirely' ],
	    'a context header followed by a line that is no diagnostic is an event of its own');
}

# A line or a report the ticker delivers (a prompt left without its
# newline, a traceback followed by silence) carries the thread that wrote
# it, not the thread that delivered it.
{
	my $py = q{
import os, threading, time
def w():
    print(threading.get_native_id(), flush=True)
    os.write(2, b"prompt> ")
    time.sleep(0.3)
    os.write(2, b"Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\nValueError: bad\n")
    time.sleep(0.5)
t = threading.Thread(target=w)
t.start()
t.join()
};
	my $res = run(cmd => [ 'python3', '-c', $py ], preload => 1, env => \%ENVJ);
	my ($tid) = $res->{stdout} =~ /^(\d+)$/m;
	my @ev = events($res->{stderr});
	is_deeply([ map { [ $_->{msg}, $_->{tid} ] } @ev ],
	    [ [ 'prompt> ', $tid ],
	      [ "Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\nValueError: bad", $tid ] ],
	    "a prompt and a traceback the ticker delivers carry the writing thread's id")
	    or diag("thread $tid: " . join("\n", map { "$_->{tid} $_->{msg}" } @ev));
}

# A report left hanging (the program sleeps after it) still comes out.
my ($got, $when) = watch_stderr(
    cmd => [ 'perl', '-e', q{$|=1; syswrite STDERR, "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n"; sleep 3} ],
    env => \%ENVJ, seconds => 2, until => qr/\n/);
ok(defined $when && $got =~ /"msg":"panic: boom\\n\\ngoroutine 1 \[running\]:\\nmain.main\(\)"/,
    'a report followed by silence is delivered within the idle time');

# Ordinary lines never wait.
($got, $when) = watch_stderr(cmd => [ 'perl', '-e', q{$|=1; syswrite STDERR, "plain line\n"; sleep 3} ],
    env => \%ENVJ, seconds => 2, until => qr/\n/);
ok(defined $when && $when < 0.5, 'a line that starts no report is delivered at once');

done_testing();
