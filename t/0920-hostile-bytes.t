#!/usr/bin/perl
# 0920 (hostile bytes, every format): every byte value, NUL, invalid
# UTF-8, terminal escapes, CR without LF, format directives as data, and
# a newline followed by a complete forged record (JSON and text layout,
# by write and inside one syslog message), written by t/prog/hostile.c.
# In text, json, logfmt, otlp-json and rfc5424: every output line is one
# well-formed record of the program (json parses, with no key twice; text
# and rfc5424 hold no control byte, escapes visible), and no record is
# forged.  In json the message is exactly what was written.  (t/0202 has
# one hostile line in json; this extends it to every format and hazard.)
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use JSON::PP;
use WL;

my $hostile = prog('hostile');
my @formats = qw(text json logfmt otlp-json rfc5424);
my %count = (bytes => 11, format => 5, inject => 5);

# The top-level keys of a JSON object text, in order (strings are
# skipped as tokens, so a key inside a value never counts).
sub top_keys {
	my ($s) = @_;
	my ($depth, @keys) = (0);
	while ($s =~ /\G\s*(?:("(?:[^"\\]|\\.)*")(\s*:)?|([{\[])|([}\]])|[^"{}\[\]]+?(?=["{}\[\],]|$)|,)/gc) {
		if (defined $1) { push @keys, $1 if $depth == 1 && $2 }
		elsif (defined $3) { $depth++ }
		elsif (defined $4) { $depth-- }
	}
	return @keys;
}

# What is wrong with LINE as a record of FORMAT written by PID.
sub check_line {
	my ($fmt, $line, $pid) = @_;
	my @p;
	push @p, 'not valid UTF-8' unless utf8::decode(my $copy = $line);
	push @p, 'a control byte' if $line =~ /[\x00-\x1f\x7f]/;
	# C1 controls are escaped where people read (text, rfc5424); JSON
	# readers take them as they are.
	push @p, 'a C1 control' if $copy =~ /[\x{80}-\x{9f}]/ &&
	    ($fmt eq 'text' || $fmt eq 'rfc5424');
	if ($fmt eq 'json' || $fmt eq 'otlp-json') {
		my $o = eval { JSON::PP->new->utf8->decode($line) };
		my @k = top_keys($line);
		my %seen;
		push @p, 'not a JSON object' unless ref $o eq 'HASH';
		push @p, "key $_ twice" for grep { $seen{$_}++ == 1 } @k;
		if ($fmt eq 'json' && ref $o eq 'HASH') {
			push @p, "prog $o->{prog}" unless ($o->{prog} // '') eq 'hostile';
			push @p, "pid $o->{pid}" unless ($o->{pid} // '') eq $pid;
		}
		if ($fmt eq 'otlp-json' && ref $o eq 'HASH') {
			my %a;
			for (@{ $o->{resource}{attributes} // [] }, @{ $o->{attributes} // [] }) {
				push @p, "attribute $_->{key} twice" if $a{ $_->{key} }++;
			}
			my %r = map { $_->{key} => $_->{value}{stringValue} //
			    $_->{value}{intValue} } @{ $o->{resource}{attributes} // [] };
			push @p, 'service.name' unless ($r{'service.name'} // '') eq 'hostile';
			push @p, 'process.pid' unless ($r{'process.pid'} // '') eq $pid;
		}
	} elsif ($fmt eq 'logfmt') {
		push @p, 'not key=value pairs' unless $line =~
		    /^(?:[a-z0-9_.]+=(?:[^\s"=\\]+|"(?:[^"\\]|\\.)*")(?: |$))+$/;
		my @prog = $line =~ /(?:^| )prog=(\S+)/g;
		my @pids = $line =~ /(?:^| )pid=(\S+)/g;
		push @p, 'prog forged' unless "@prog" eq 'hostile';
		push @p, 'pid forged' unless "@pids" eq $pid;
	} elsif ($fmt eq 'text') {
		push @p, 'not the text layout' unless
		    $line =~ /^\d{4}-\d\d-\d\dT[\d:.]+Z [A-Z ]{5} hostile\[$pid\/$pid\]: /;
	} else {
		push @p, 'not an RFC 5424 line of the program' unless
		    $line =~ /^<\d+>1 \S+ \S+ hostile $pid \S+ (?:-|\[withlog\@32473(?: [a-z0-9_.]+="(?:[^"\\\]]|\\["\\\]])*")*\]) /;
	}
	return @p;
}

plan tests => 3 * @formats * 3 + 6 + 2 + 1;

my %json;
for my $fmt (@formats) {
	for my $mode (qw(bytes format inject)) {
		my $r = run(cmd => [ $hostile, $mode ], preload => 1, timeout => 60,
		    env => { WITHLOG_FORMAT => $fmt, WITHLOG_OUTPUT => 'stderr',
			WITHLOG_RATE => '0' });
		my $pid = $1 if $r->{stderr} =~ /(?:"pid":|hostile\[|hostile | pid=|"process.pid","value":\{"intValue":")(\d+)/;
		$pid //= 0;
		my @lines = split /\n/, $r->{stderr}, -1;
		my $last = pop @lines;
		ok(!$r->{timed_out} && $r->{status} == 0 && $r->{stdout} eq '',
		    "$fmt: the program writing $mode hazards runs normally");
		is(scalar(@lines) . ($last eq '' ? '' : ' and a cut record'), $count{$mode},
		    "$fmt: $mode hazards give exactly $count{$mode} records, each one line");
		my @bad;
		for my $i (0 .. $#lines) {
			push @bad, map { "line $i: $_" } check_line($fmt, $lines[$i], $pid);
		}
		ok(!@bad, "$fmt: every $mode record is well formed, of the program, and forges nothing")
		    or diag(join("\n", @bad[0 .. ($#bad > 9 ? 9 : $#bad)]));
		$json{$mode} = [ events($r->{stderr}) ] if $fmt eq 'json';
	}
}

# In json, each message is exactly what was written.
my $fffd = "\x{fffd}";
my $all = join('', map { chr } grep { $_ != 10 } 0 .. 127) . ($fffd x 128);
is_deeply([ map { $_->{msg} } @{ $json{bytes} } ], [
	$all,
	"nul\0in\0the\0middle",
	"overlong $fffd$fffd surrogate $fffd$fffd$fffd too big " . ($fffd x 4),
	"lone continuation $fffd truncated $fffd$fffd end",
	"truncated at the end $fffd$fffd$fffd",
	"clear \e[2J\e[H title \e]0;owned\a c1 csi \x{9b}31m red",
	"bell \a backspace \b\b\b del \x7f",
	"progress\r50%\r100% done",
	'crlf line',
	"line separator \x{2028} paragraph \x{2029} end",
	'quote " backslash \\ brace } bracket ] equals = ',
    ], 'json: every byte survives in msg: NUL, controls, C1, U+2028, and one U+FFFD per invalid byte');
my $evil = '%s%n%x%p%99999999d%m';
is_deeply([ map { $_->{msg} } @{ $json{format} } ],
    [ $evil, '%n%n%n%s%s%s', $evil, "$evil: No such file or directory", $evil ],
    'json: format directives are data through fprintf, write, warnx, perror and syslog');
is_deeply([ map { "$_->{source}:$_->{msg}" } @{ $json{inject} } ], [
	'stderr:login ok for alice',
	'stderr:forged',
	'stderr:2020-01-01T00:00:00.000000Z FATAL sshd[1/1]: forged text',
	"syslog:user bob\n<11>sshd[1]: forged syslog\n2020-01-01T00:00:00.000000Z FATAL sshd[1/1]: forged",
	'stderr:after',
    ], 'json: an injected line is its own event, and a syslog message with newlines stays one event');
my $forged = $json{inject}[1];
is(join(' ', map { $forged->{$_} // '-' } qw(msg.prog msg.pid msg.ts)),
    'sshd 1 2020-01-01T00:00:00.000000Z',
    "json: a JSON line's members named like the record's keys are kept as msg.NAME, never as the record's own");

# Text: escapes are visible.
{
	my $r = run(cmd => [ $hostile, 'bytes' ], preload => 1, timeout => 60,
	    env => { WITHLOG_FORMAT => 'text', WITHLOG_RATE => '0' });
	my @l = map { s/^.*?hostile\[\d+\/\d+\]: //r } split /\n/, $r->{stderr};
	is($l[5], 'clear \x1B[2J\x1B[H title \x1B]0;owned\x07 c1 csi \xC2\x9B31m red',
	    'text: terminal escapes, BEL and C1 controls are shown as \xHH, never sent to the terminal');
	is($l[1], 'nul\x00in\x00the\x00middle', 'text: NUL bytes are shown as \x00');
}

# A text template is configuration, but a newline or an escape in it
# would still make a record two lines or drive the terminal: refused.
{
	my $r = run(cmd => [ $hostile, 'inject' ], preload => 1, timeout => 60,
	    env => { WITHLOG_TEXT_FORMAT => "{level} {msg}\nFATAL forged {msg}",
		WITHLOG_RATE => '0', WITHLOG_OUTPUT => q(stderr) });
	my @l = split /\n/, $r->{stderr};
	my $diag = shift @l // '';
	ok($diag =~ /^withlog: WITHLOG_TEXT_FORMAT: a control character \(0x0A\) in the template/ &&
	    @l == 5 && !grep({ !/^\S+Z [A-Z ]{5} hostile\[/ } @l),
	    'a text template with a newline in it is refused with a message, and records stay one line each')
	    or diag($r->{stderr});
}

# A CR-only progress display never ends a line: what it wrote arrives
# whole, as events at exit or when idle.
for my $fmt (qw(json text)) {
	my $r = run(cmd => [ $hostile, 'cr' ], preload => 1, timeout => 60,
	    env => { WITHLOG_FORMAT => $fmt, WITHLOG_RATE => '0' });
	my $want = join('', map { "\rprogress $_%" } 0 .. 299);
	if ($fmt eq 'json') {
		is(join('', map { $_->{msg} // '' } events($r->{stderr})), $want,
		    'json: 300 carriage-return updates without a newline arrive whole');
	} else {
		my @l = split /\n/, $r->{stderr};
		my $got = join('', map { s/^.*?hostile\[\d+\/\d+\]: //r } @l);
		ok($r->{stderr} !~ /\r/ && $got eq ($want =~ s/\r/\\r/gr),
		    'text: they arrive whole, every CR shown as \r');
	}
}
