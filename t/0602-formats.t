#!/usr/bin/perl
# 0602: every format is total: hostile bytes (NUL, invalid UTF-8, escape
# sequences, CR, quotes and brackets, newline injection, a 1 MiB line)
# give exactly one well-formed record per line, parsed by a real parser:
# jq for json and otlp-json, a strict logfmt reader, and the RFC 5424
# grammar; and the parsed message is what the program wrote.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use JSON::PP;
use WL;

# What the program writes: each element one line.
my @lines = ("plain line", "nul\0byte", "bad \xff\xfe utf8", "esc \e[31mred\e[0m",
    "cr\rmid", "quote \" back \\ bracket ] eq = sp", "inject\n{\"level\":\"FATAL\"}",
    "x" x (1024 * 1024 - 100));
# The writer sends the injected newline as part of one fprintf-like write:
# it is two lines, so two records, and the second must not be FATAL.
my $script = q{binmode STDERR; local $/; my $in = <STDIN>; syswrite STDERR, $in};
my $input = join("\n", @lines) . "\n";
# What each record's message must be: lines split at newlines, and a line
# longer than 64 KiB split into 64 KiB events.
my @want = map { my $l = $_; my @p; push @p, substr($l, 0, 65536, '') while length($l) > 65536; (@p, $l) }
    map { split /\n/, $_, -1 } @lines;

# Compare lists of messages without printing megabytes on a mismatch.
sub same_list {
	my ($got, $want, $name) = @_;
	my $n = @$got > @$want ? @$got : @$want;
	for my $i (0 .. $n - 1) {
		next if defined $got->[$i] && defined $want->[$i] && $got->[$i] eq $want->[$i];
		fail($name);
		diag("record $i differs: got " . substr($got->[$i] // '(none)', 0, 80) .
		    ", want " . substr($want->[$i] // '(none)', 0, 80));
		return;
	}
	pass($name);
}

sub run_fmt {
	my ($fmt) = @_;
	my $r = run(cmd => [ 'perl', '-e', $script ], stdin => $input, preload => 1,
	    env => { WITHLOG_FORMAT => $fmt, WITHLOG_RATE => '0', WITHLOG_EXTRACT => 'off' });
	return [ split /\n/, $r->{stderr}, -1 ];
}

sub json_msg {
	my ($s) = @_;
	$s =~ s/[\x80-\xff]/\x{fffd}/g;	# ASCII-range test data apart from 0xff 0xfe
	return $s;
}

for my $fmt (qw(json otlp-json)) {
	my $recs = run_fmt($fmt);
	pop @$recs if @$recs && $recs->[-1] eq '';
	is(scalar(@$recs), scalar(@want), "$fmt: one record per line");
	my $tmp = tmpdir() . "/$fmt.out";
	open(my $fh, '>:raw', $tmp) or die;
	print $fh join("\n", @$recs), "\n";
	close $fh;
	my $jq = system("jq -e . < '$tmp' > /dev/null 2>&1");
	is($jq, 0, "$fmt: jq parses every record");
	my @msgs = map {
		my $o = JSON::PP->new->decode($_);
		$fmt eq 'json' ? $o->{msg} : $o->{body}{stringValue}
	} @$recs;
	same_list(\@msgs, [ map { json_msg($_) } @want ],
	    "$fmt: each message decodes to what was written (invalid bytes as U+FFFD)");
	my @src = map { my $o = JSON::PP->new->decode($_);
	    $fmt eq 'json' ? $o->{source} : $o->{attributes}[1]{value}{stringValue} } @$recs;
	ok(!grep({ ($_ // '') ne 'stderr' } @src),
	    "$fmt: every record, the injected line's too, is an event of the program's stderr");
}

# logfmt: key=value, values bare or quoted with JSON escapes.
{
	my $recs = run_fmt('logfmt');
	pop @$recs if @$recs && $recs->[-1] eq '';
	is(scalar(@$recs), scalar(@want), 'logfmt: one record per line');
	my (@msgs, $bad);
	for my $rec (@$recs) {
		my %kv;
		my $s = $rec;
		while ($s =~ s/^([a-z0-9_.]+)=("(?:[^"\\]|\\.)*"|[^ "=\\]+)(?: |$)//) {
			my ($k, $v) = ($1, $2);
			$v = JSON::PP->new->allow_nonref->decode($v) if $v =~ /^"/;
			$kv{$k} = $v;
		}
		$bad++ if $s ne '' || !exists $kv{msg} || !exists $kv{ts};
		push @msgs, $kv{msg};
	}
	ok(!$bad, 'logfmt: every record is key=value pairs a strict reader takes whole');
	same_list(\@msgs, [ map { json_msg($_) } @want ],
	    'logfmt: each message decodes to what was written');
}

# rfc5424: the grammar of RFC 5424 section 6, one record per line.
{
	my $recs = run_fmt('rfc5424');
	pop @$recs if @$recs && $recs->[-1] eq '';
	is(scalar(@$recs), scalar(@want), 'rfc5424: one record per line');
	my $bad = 0;
	my @msgs;
	for my $rec (@$recs) {
		# PRI VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG;
		# PARAM-VALUE: any byte but '"', '\\' and ']' unless escaped.
		$bad++ unless $rec =~ /^<(\d{1,3})>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z [!-~]{1,255} [!-~]{1,48} [!-~]{1,128} [!-~]{1,32} \[withlog\@32473(?: [a-z0-9_.]{1,32}="(?:[^"\\\]]|\\["\\\]])*")*\] (.*)$/ && $1 <= 191;
		my ($msg) = $rec =~ /\] (.*)$/;
		push @msgs, $msg;
	}
	ok(!$bad, 'rfc5424: every record matches the grammar (PRI, version, header, structured data)');
	my @text = map { my $s = $_; $s =~ s/\\/\\\\/g; $s =~ s/\0/\\x00/g; $s =~ s/\e/\\x1B/g;
	    $s =~ s/\r/\\r/g; $s =~ s/\xff/\\xFF/g; $s =~ s/\xfe/\\xFE/g; $s } @want;
	same_list(\@msgs, \@text, 'rfc5424: each message is the text rendering of what was written');
}

done_testing();
