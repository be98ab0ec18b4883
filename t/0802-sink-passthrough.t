#!/usr/bin/perl
# 0802: passthrough: the program's stderr bytes reach the real stderr
# exactly as written (tabs, CR LF, invalid UTF-8, a prompt without a
# newline, no newline at the end) while the other sinks receive the
# events; a stderr sink then writes only the events that were not stderr
# bytes (syslog ones); --passthrough, WITHLOG_PASSTHROUGH and the
# sink key all do it.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More tests => 20;
use WL;

my $dir = tmpdir();
my $wl = wl_script();

sub msgs { [ map { $_->{msg} // "RAW $_->{_raw}" } events($_[0] // '') ] }

my @mixed_msgs = ("tab\there", "bad utf-8 \x{fffd}\x{fffd} and \x{e9}",
    'ERROR: code 42', 'writev in two parts', 'x' x 5000, 'Password: ', '',
    'no newline at the end');

for my $v (qw(O0 O2)) {
	my $plain = run(cmd => [ prog('sinks', $v), 'mixed' ]);
	my $log = "$dir/mixed-$v.log";
	my $r = run(cmd => [ $wl, '--passthrough', '-o', "file:$log", '-f',
	    'json', prog('sinks', $v), 'mixed' ]);
	ok($r->{stderr} eq $plain->{stderr},
	    "$v: with --passthrough stderr is byte for byte what the program wrote")
	    or diag(explain([ $r->{stderr}, $plain->{stderr} ]));
	is("$r->{status} $r->{stdout}", "$plain->{status} $plain->{stdout}",
	    "$v: exit status and stdout are the program's");
	is_deeply(msgs(slurp($log)), \@mixed_msgs,
	    "$v: and the file sink has every event");
}

# The C library's reporters are rebuilt by the library without glibc's
# "prog: " prefix (the event has the program); passthrough still shows
# glibc's exact bytes, prefix included.
{
	my @paths = qw(perror warn warnx vwarn vwarnx err errx error
	    error_at_line psignal herror assert);
	my @differ;
	for my $p (@paths) {
		my $native = run(cmd => [ prog('paths'), $p ]);
		my $r = run(cmd => [ $wl, '--passthrough', '-o',
		    "file:$dir/reporters.log", prog('paths'), $p ]);
		push @differ, $p if $r->{stderr} ne $native->{stderr} ||
		    $r->{status} != $native->{status};
	}
	is("@differ", '', 'perror, warn, err, error, error_at_line, psignal, ' .
	    'herror and assert show glibc\'s exact bytes in passthrough mode');
}

# The prompt reaches the terminal at once, before the program goes on.
{
	my ($got, $when) = watch_stderr(cmd => [ prog('sinks'), 'mixed' ],
	    env => { WITHLOG_PASSTHROUGH => 1,
	    WITHLOG_OUTPUT => "file:$dir/prompt.log" },
	    seconds => 5, until => qr/Password: \z/);
	ok(defined $when, 'a prompt without a newline is on stderr while the program waits');
}

# Syslog events are not stderr bytes: a stderr sink in passthrough mode
# writes them, formatted; the stderr lines come through unchanged.
my $plain = run(cmd => [ prog('sinks'), 'levels' ]);
my $want_raw = "TRACE: entering main loop\nDEBUG: cache has 12 entries\n" .
    "INFO: listening on port 8080\nWARNING: disk 91% full\n" .
    "ERROR: cannot open '/var/db'\nFATAL: out of memory\n";
is($plain->{stderr}, $want_raw, 'without the library the program writes six lines');

my $r = run(cmd => [ $wl, '--passthrough', '-o', 'stderr', '-f', 'json',
    prog('sinks'), 'levels' ]);
my ($raw, $rest) = ($r->{stderr} =~ /\A(.*?\n)(\{.*)\z/s);
is($raw // '', $want_raw, '-o stderr --passthrough: the stderr lines come unchanged');
is_deeply([ map { "$_->{level} $_->{source} $_->{msg}" } events($rest // '') ],
    [ 'INFO syslog configuration reloaded', 'ERROR syslog lost connection to db1' ],
    'followed by the syslog events, formatted');

# The same through the configuration: the [withlog] key, and the sink key.
for my $c ([ 'withlog key', "passthrough = on\noutput = stderr\nformat = json\n" ],
    [ 'sink key', "format = json\n[sink t]\ntype = stderr\npassthrough = on\n" ]) {
	my $conf = "$dir/pt-" . ($c->[0] =~ s/ /-/r) . '.conf';
	open(my $fh, '>', $conf) or die;
	print $fh $c->[1];
	close $fh;
	$r = run(cmd => [ prog('sinks'), 'levels' ], preload => 1,
	    env => { WITHLOG_CONFIG => $conf });
	($raw, $rest) = ($r->{stderr} =~ /\A(.*?\n)(\{.*)\z/s);
	ok(($raw // '') eq $want_raw && scalar(events($rest // '')) == 2,
	    "passthrough through the $c->[0] passes the lines and formats the syslog events")
	    or diag($r->{stderr});
}

# Default routing with passthrough: stderr is the program's, syslog events
# still go to the syslog socket (none here: then to stderr).
$r = run(cmd => [ prog('sinks'), 'levels' ], preload => 1,
    env => { WITHLOG_PASSTHROUGH => 'on', WITHLOG_FORMAT => 'json',
    WITHLOG_SYSLOG_SOCKET => "$dir/nobody-listens" });
($raw, $rest) = ($r->{stderr} =~ /\A(.*?\n)(\{.*)\z/s);
ok(($raw // '') eq $want_raw && scalar(events($rest // '')) == 2,
    'without sinks, passthrough keeps stderr and syslog events still fall back to stderr')
    or diag($r->{stderr});

# Passthrough with the events in a file sink only at ERROR and above.
my $log = "$dir/errors.log";
open(my $fh, '>', "$dir/errors.conf") or die;
print $fh "passthrough = on\n[sink errors]\ntype = file\npath = $log\nformat = json\nmin_level = error\n";
close $fh;
$r = run(cmd => [ prog('sinks'), 'levels' ], preload => 1,
    env => { WITHLOG_CONFIG => "$dir/errors.conf" });
is($r->{stderr}, $want_raw, 'passthrough with only a file sink leaves stderr exactly as written');
is_deeply(msgs(slurp($log)),
    [ "ERROR: cannot open '/var/db'", 'FATAL: out of memory', 'lost connection to db1' ],
    'and the file takes the ERROR and FATAL events');

# A write to a stderr that fails (here /dev/full) fails for the program
# as it would without the library, with the same errno.
my $full = q(open(STDERR, '>', '/dev/full') or die; my $n = syswrite(STDERR, "x\n"); print defined $n ? "wrote $n\n" : "failed: $!\n");
my $alone = run(cmd => [ 'perl', '-e', $full ]);
$r = run(cmd => [ 'perl', '-e', $full ], preload => 1,
    env => { WITHLOG_PASSTHROUGH => 1, WITHLOG_FORMAT => "json",
    WITHLOG_OUTPUT => "file:$dir/full.log" });
is($r->{stdout}, $alone->{stdout},
    'a write to a failing stderr fails with the same error under passthrough');
is_deeply(msgs(slurp("$dir/full.log")), [ 'x' ], 'and its event still reaches the file sink');

# Bad values are reported and ignored.
$r = run(cmd => [ 'sh', '-c', 'echo hi >&2' ], preload => 1,
    env => { WITHLOG_PASSTHROUGH => 'maybe' });
like($r->{stderr}, qr/^withlog: WITHLOG_PASSTHROUGH: passthrough 'maybe' is not on or off \(ignored\)\n\S+Z INFO  sh\[\d+\/\d+\]: hi\n\z/,
    'a bad WITHLOG_PASSTHROUGH is reported and ignored');
$r = run(cmd => [ $wl, '--passthrough', 'sh', '-c', 'printf "%s" "$WITHLOG_PASSTHROUGH"' ]);
is($r->{stdout}, '1', '--passthrough sets WITHLOG_PASSTHROUGH for the library');
