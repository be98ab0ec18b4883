#!/usr/bin/perl
# 0801: several sinks: each event lands in exactly the sinks whose level
# range, source and rule filter it passes, in each sink's own format;
# nothing goes to the syslog socket unless a sink says so; a fork child's
# events reach the same file.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More tests => 29;
use IO::Socket::UNIX;
use Socket qw(SOCK_DGRAM);
use WL;

my $dir = tmpdir();


# "LEVEL source msg" for each JSON record of a file or a string.
sub summary {
	my ($text) = @_;
	return [ map { defined $_->{_raw} ? "RAW $_->{_raw}" :
	    "$_->{level} $_->{source} $_->{msg}" } events($text // '') ];
}

my @stderr_lines = (
	'TRACE stderr TRACE: entering main loop',
	'DEBUG stderr DEBUG: cache has 12 entries',
	'INFO stderr INFO: listening on port 8080',
	'WARN stderr WARNING: disk 91% full',
	'ERROR stderr ERROR: cannot open \'/var/db\'',
	'FATAL stderr FATAL: out of memory',
);
my @syslog_lines = (
	'INFO syslog configuration reloaded',
	'ERROR syslog lost connection to db1',
);

for my $v (qw(O0 O2)) {
	my $d = "$dir/$v";
	mkdir $d;
	my $conf = conf("routing-$v.conf", <<"EOF");
ratelimit = off
[sink all]
type = file
path = $d/all.log
format = json
[sink middle]
type = file
path = $d/middle.log
format = json
min_level = debug
max_level = info
[sink errors]
type = file
path = $d/errors.log
format = json
min_level = error
[sink terminal]
type = stderr
format = json
max_level = warn
[sink daemon]
type = file
path = $d/syslog.log
format = json
source = syslog
EOF
	my $sock = "$d/log.sock";
	my $s = IO::Socket::UNIX->new(Type => SOCK_DGRAM, Local => $sock)
	    or die "socket $sock: $!";
	my $plain = run(cmd => [ prog('sinks', $v), 'levels' ]);
	my $r = run(cmd => [ prog('sinks', $v), 'levels' ], preload => 1,
	    env => { WITHLOG_CONFIG => $conf, WITHLOG_SYSLOG_SOCKET => $sock });
	is("$r->{status} $r->{stdout}", "$plain->{status} $plain->{stdout}",
	    "$v: the program's exit status and stdout are its own");
	is_deeply(summary(slurp("$d/all.log")),
	    [ @stderr_lines, @syslog_lines ],
	    "$v: a sink with no range takes every event, in order");
	is_deeply(summary(slurp("$d/middle.log")),
	    [ @stderr_lines[1, 2], $syslog_lines[0] ],
	    "$v: min_level = debug, max_level = info takes DEBUG and INFO only");
	is_deeply(summary(slurp("$d/errors.log")),
	    [ @stderr_lines[4, 5], $syslog_lines[1] ],
	    "$v: min_level = error takes ERROR and FATAL");
	is_deeply(summary($r->{stderr}),
	    [ @stderr_lines[0 .. 3], $syslog_lines[0] ],
	    "$v: a stderr sink with max_level = warn writes up to WARN on stderr");
	is_deeply(summary(slurp("$d/syslog.log")), [ @syslog_lines ],
	    "$v: source = syslog takes only the syslog events");
	$s->blocking(0);
	my $got = $s->recv(my $buf, 65536);
	ok(!defined $got || $buf eq '',
	    "$v: with sinks configured and none of type syslog, nothing is sent to the syslog socket");
	my @head = map { (events(slurp("$d/$_")))[0] // {} }
	    qw(all.log errors.log);
	ok($head[0]{prog} eq 'sinks' && $head[0]{seq} == 1 &&
	    $head[1]{seq} == 5,
	    "$v: the same event carries the same seq in every sink");
}

# Each sink writes its own format; the default format is the process's.
{
	my $d = "$dir/formats";
	mkdir $d;
	my $conf = conf('formats.conf', <<"EOF");
format = logfmt
ratelimit = off
[sink text]
type = file
path = $d/text.log
format = text
min_level = error
source = stderr
[sink plain]
type = file
path = $d/default.log
min_level = error
source = stderr
EOF
	my $r = run(cmd => [ prog('sinks'), 'levels' ], preload => 1,
	    env => { WITHLOG_CONFIG => $conf });
	my @text = split /\n/, slurp("$d/text.log") // '';
	ok(@text == 2 && $text[0] =~ /^\S+Z ERROR sinks\[\d+\/\d+\]: ERROR: cannot open '\/var\/db'/ &&
	    $text[1] =~ /^\S+Z FATAL sinks\[\d+\/\d+\]: FATAL: out of memory/,
	    'format = text writes text lines, without colour codes')
	    or diag(explain(\@text));
	my @lf = split /\n/, slurp("$d/default.log") // '';
	ok(@lf == 2 && $lf[0] =~ /^ts=\S+ level=ERROR severity=17 source=stderr /,
	    'a sink without a format writes the [withlog] format (logfmt here)')
	    or diag(explain(\@lf));
	is($r->{stderr}, '', 'with sinks configured and no stderr sink, stderr stays empty');
}

# rule = NAME: only the events that rule classified.
{
	my $d = "$dir/rules";
	mkdir $d;
	my $conf = conf('rules.conf', <<"EOF");
ratelimit = off
[rule retry]
contains = retrying
level = warn
[rule disk]
match = /disk [0-9]+ failed/
level = fatal
[rule slow]
contains = slow
field.kind = slowness
[sink retries]
type = file
path = $d/retries.log
format = json
rule = retry
[sink both]
type = file
path = $d/both.log
format = json
rule = retry, disk
[sink tagged]
type = file
path = $d/tagged.log
format = json
rule = slow
[sink rest]
type = stderr
format = json
EOF
	my $r = run(cmd => [ 'sh', '-c', 'echo "connect failed, retrying" >&2; ' .
	    'echo "WARNING: slow" >&2; echo "disk 3 failed" >&2; ' .
	    'echo "retrying again" >&2' ], preload => 1,
	    env => { WITHLOG_CONFIG => $conf });
	is_deeply(summary(slurp("$d/retries.log")),
	    [ 'WARN stderr connect failed, retrying', 'WARN stderr retrying again' ],
	    'rule = retry takes only the events the rule classified');
	is_deeply(summary(slurp("$d/both.log")),
	    [ 'WARN stderr connect failed, retrying', 'FATAL stderr disk 3 failed',
	      'WARN stderr retrying again' ],
	    'rule = retry, disk takes the events of either rule');
	is_deeply(summary(slurp("$d/tagged.log")), [ 'WARN stderr WARNING: slow' ],
	    'rule = slow takes the event a rule matched that only added a field, at the level the detectors gave it');
	is(scalar(@{ summary($r->{stderr}) }), 4,
	    'a sink without a filter still takes all four');
}

# A fork child writes to the same file sink as its parent.
{
	my $d = "$dir/fork";
	mkdir $d;
	my $r = run(cmd => [ prog('sinks'), 'fork' ], preload => 1,
	    env => { WITHLOG_OUTPUT => "file:$d/f.log", WITHLOG_FORMAT => 'json' });
	my @ev = events(slurp("$d/f.log") // '');
	is_deeply([ sort map { $_->{msg} } @ev ],
	    [ 'from the child', 'from the parent' ],
	    'the parent and its fork child both write to the file sink');
	ok(@ev == 2 && $ev[0]{pid} != $ev[1]{pid},
	    'each with its own pid');
}

# A daemon that closes every descriptor and opens its own files: the
# sink never writes into the program's file, and loses nothing.
{
	my $d = "$dir/closeall";
	mkdir $d;
	my $r = run(cmd => [ prog('sinks'), 'closeall', "$d/mine" ],
	    preload => 1,
	    env => { WITHLOG_OUTPUT => "file:$d/sink.log", WITHLOG_FORMAT => 'json' });
	is(slurp("$d/mine"), "mine\nmine too\n",
	    "the program's own file holds only what it wrote");
	is_deeply([ map { $_->{msg} } events(slurp("$d/sink.log") // '') ],
	    [ 'before closing', 'after closing' ],
	    'and the sink reopens its file after the program closed it');
}

# With no sink configured the routing is the default one: stderr events
# on stderr, syslog events to the socket.
{
	my $sock = "$dir/default.sock";
	my $s = IO::Socket::UNIX->new(Type => SOCK_DGRAM, Local => $sock)
	    or die "socket $sock: $!";
	my $r = run(cmd => [ prog('sinks'), 'levels' ], preload => 1,
	    env => { WITHLOG_FORMAT => 'json', WITHLOG_RATE => 0,
	    WITHLOG_SYSLOG_SOCKET => $sock });
	is_deeply(summary($r->{stderr}), \@stderr_lines,
	    'without sinks, stderr events go to stderr');
	$s->blocking(0);
	my @d;
	while (defined($s->recv(my $buf, 65536))) {
		last if $buf eq '';
		push @d, $buf;
	}
	is_deeply([ map { s/\[\d+\]/[PID]/r } @d ],
	    [ '<142>sinks-test[PID]: configuration reloaded',
	      '<139>sinks-test[PID]: lost connection to db1' ],
	    'and syslog events to the syslog socket');
}
