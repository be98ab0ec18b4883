#!/usr/bin/perl
# 0920 (huge lines): a 10 MiB line written by one write() and again by
# fprintf() becomes 64 KiB events (160 each), never dropped, in every
# format: each output line one well-formed record; in json the pieces put
# together are the line, byte for byte.  With the rate limiter on, what it
# drops it counts.  (t/0202 checks a 200 KiB line.)
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use WL;

# JSON::PP takes a minute over 20 MiB of records: jq(1) (which 'make
# deps' installs) checks and takes them apart instead.
sub jq {
	my ($filter, $text) = @_;
	my $f = tmpdir() . '/huge.json';
	open(my $fh, '>:raw', $f) or die "$f: $!";
	print $fh $text;
	close $fh;
	open(my $jq, '-|', 'jq', '-j', $filter, $f) or die "jq: $!";
	binmode $jq;
	local $/;
	my $out = <$jq>;
	close $jq;
	return $? == 0 ? $out : undef;
}

my $hostile = prog('hostile');
my $mib = 10;
my $len = $mib << 20;
my $line = join('', map { chr(ord('a') + $_ % 26) } 0 .. 25) x (int($len / 26) + 1);
$line = substr($line, 0, $len);
my $pieces = $len / 65536;

my @formats = qw(text json logfmt otlp-json rfc5424);
plan tests => 2 * @formats + 2 + 1;

for my $fmt (@formats) {
	my $r = run(cmd => [ $hostile, 'huge', $mib ], preload => 1, timeout => 120,
	    env => { WITHLOG_FORMAT => $fmt, WITHLOG_RATE => '0' });
	my @lines = split /\n/, $r->{stderr}, -1;
	my $tail = pop @lines;
	ok(!$r->{timed_out} && $r->{status} == 0 && $tail eq '' && @lines == 2 * $pieces,
	    "$fmt: two $mib MiB lines give " . 2 * $pieces . ' records of one line each')
	    or diag("status $r->{status}, " . scalar(@lines) . ' lines');
	my @bad;
	for my $i (0 .. $#lines) {
		my $l = $lines[$i];
		# (A regex quantifier cannot count to 65536: the piece is
		# matched as one run of letters and measured.)
		next if $fmt =~ /json/;
		my $ok = $fmt eq 'text' ? $l =~ /^\S+Z [A-Z ]{5} hostile\[\d+\/\d+\]: ([a-z]+)$/
		    : $fmt eq 'logfmt' ? $l =~ /^ts=\S+ level=\S+ .* msg=([a-z]+) prog=hostile /
		    : $l =~ /^<\d+>1 \S+ \S+ hostile \d+ \S+ \[withlog\@32473 [^\]]*\] ([a-z]+)$/;
		$ok &&= length($1) == 65536 if $fmt !~ /json/;
		push @bad, $i unless $ok;
	}
	# JSON: every line an object holding a 64 KiB piece.
	if ($fmt =~ /json/) {
		my $piece = $fmt eq 'json' ? '.msg' : '.body.stringValue';
		my $lens = jq("[$piece | length] | \"\\(.)\n\"", $r->{stderr}) // '';
		my @n = split /\n/, $lens;
		@bad = grep { $n[$_] ne '[65536]' } 0 .. $#lines;
		@bad = ('jq failed') unless @n == @lines;
	}
	ok(!@bad, "$fmt: each is a well-formed record holding a 64 KiB piece")
	    or diag('bad records: ' . join(' ', @bad[0 .. ($#bad > 9 ? 9 : $#bad)]));
	if ($fmt eq 'json') {
		my $first = jq('select(.api == "write") | .msg', $r->{stderr});
		my $second = jq('select(.api | test("fprintf")) | .msg', $r->{stderr});
		ok(defined $first && $first eq $line,
		    'json: the pieces of the line written by write() put together are the line');
		ok(defined $second && $second eq $line,
		    'json: so are those of the line written by fprintf()');
	}
}

# Rate limiting on: 320 pieces of one template; delivered plus counted.
{
	my $r = run(cmd => [ $hostile, 'huge', $mib ], preload => 1, timeout => 120,
	    env => { WITHLOG_FORMAT => 'json' });
	my $delivered = jq('select(.api != "ratelimit") | "x"', $r->{stderr}) // '';
	my $counted = 0;
	$counted += $_ for split /\n/,
	    jq('select(.api == "ratelimit") | "\\(.suppressed)\n"', $r->{stderr}) // '';
	$delivered = length $delivered;
	is($delivered + $counted, 2 * $pieces,
	    'with rate limiting, pieces delivered plus pieces counted in summaries are all of them');
}
