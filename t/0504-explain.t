#!/usr/bin/perl
# 0504: withlog --explain says what the library does: for real corpus
# lines, the level --explain reports is the level the library gives the
# same line written to stderr, and the JSON form carries level, severity
# and decided_by.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use WL;

my $wl = wl_script();

# A spread of real stderr lines from the corpus (every 25th).
open(my $fh, '<', top() . '/t/corpus/lines.tsv') or die;
my @lines;
my $n = 0;
while (<$fh>) {
	chomp;
	next if /^#/;
	my ($level, $source, $prog, $msg) = split /\t/, $_, 4;
	next unless $source eq 'stderr' && $msg !~ /\\[tn\\]/;
	push @lines, $msg if $n++ % 25 == 0;
}
close $fh;

my $input = join('', map { "$_\n" } @lines);
my $ex = run(cmd => [ $wl, '-f', 'json', '--explain', '-' ], stdin => $input);
my @explained = events($ex->{stdout});
is(scalar(@explained), scalar(@lines), '--explain - gives one JSON object per line read, for lines that start no report');
ok(!grep({ !defined $_->{level} || !defined $_->{severity} ||
    !defined $_->{decided_by} } @explained),
    'each with level, severity and decided_by');

# The same lines written to stderr by a real program under the library.
my $lib = run(cmd => [ 'perl', '-ne', 'print STDERR $_' ], stdin => $input, preload => 1,
    env => { WITHLOG_FORMAT => 'json', WITHLOG_RATE => '0' });
my @events = events($lib->{stderr});
my @diff;
for my $i (0 .. $#lines) {
	my ($x, $e) = ($explained[$i] // {}, $events[$i] // {});
	push @diff, "$lines[$i]: explain $x->{level}, library " . ($e->{level} // '?')
	    if ($x->{level} // '') ne ($e->{level} // '');
}
ok(@lines > 10 && @events == @lines && !@diff, 'the level --explain reports is the one the library gives (' .
    scalar(@lines) . ' corpus lines)')
    or diag(join("\n", scalar(@events) . " events", @diff));

# Reports of several lines: --explain - groups them as the library does.
{
	my $reports = join('', map { "$_\n" }
	    'starting', 'Traceback (most recent call last):',
	    '  File "x.py", line 1, in <module>', 'ValueError: bad value',
	    'x.c: In function \'main\':', "x.c:3:5: warning: unused variable 'y'",
	    'panic: boom', '', 'goroutine 1 [running]:', 'main.main()',
	    "\t/src/main.go:5 +0x1d", 'exit status 2', 'done');
	my $x = run(cmd => [ $wl, '-f', 'json', '--explain', '-' ], stdin => $reports);
	my $l = run(cmd => [ 'perl', '-ne', 'print STDERR $_' ], stdin => $reports,
	    preload => 1, env => { WITHLOG_FORMAT => 'json', WITHLOG_RATE => '0' });
	my @xe = map { "$_->{level} $_->{decided_by}" } events($x->{stdout});
	my @le = map { "$_->{level} " . ($_->{level_src} // 'default') } events($l->{stderr});
	is(scalar(@xe), 5, '--explain - gives one object per event: a traceback, a compiler header and its diagnostic, and a panic are one each');
	is_deeply(\@xe, \@le, 'and each has the level and detector the library gives that event')
	    or diag(join("\n", 'explain:', @xe, 'library:', @le));
}

my $one = run(cmd => [ $wl, '--explain', 'hello' ]);
like($one->{stdout}, qr/^[A-Z]+ \(severity \d+\), decided by \S+\n$/,
    '--explain LINE prints the level, its number and what decided');

done_testing();
