#!/usr/bin/perl
# 0806: [sink NAME] sections and output values in the configuration: bad
# ones are exact FILE:LINE errors (and cost the library no message);
# --show-config prints every sink with where it came from; the command
# line's outputs replace the file's sinks; the shipped example with sinks
# loads and routes as its comments say.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More tests => 35;
use WL;

my $wl = wl_script();
my $dir = tmpdir();


my @bad = (
	[ "[sink x]\ntype = fax\n", ":2: unknown sink type 'fax' (expected stderr, file, syslog, syslog-udp, syslog-tcp or journald)" ],
	[ "[sink x]\npath = /tmp/a\n", ":1: [sink x]: no type (expected stderr, file, syslog, syslog-udp, syslog-tcp or journald)" ],
	[ "[sink x]\ntype = stderr\npath = /tmp/a\n", ":1: [sink x]: path does not apply to a stderr sink" ],
	[ "[sink x]\ntype = file\n", ":1: [sink x]: a file sink needs a path" ],
	[ "[sink x]\ntype = file\npath = rel/a.log\n", ":3: path 'rel/a.log' is not an absolute path of at most 1023 bytes" ],
	[ "[sink x]\ntype = file\npath = /a\nmax_size = 10Q\n", ":4: max_size '10Q' is not a size from 1k to 1024T (like 10M)" ],
	[ "[sink x]\ntype = file\npath = /a\nkeep = -1\n", ":4: keep '-1' is not a number from 0 to 100" ],
	[ "[sink x]\ntype = file\npath = /a\nmin_level = loud\n", ":4: unknown level 'loud' in min_level (expected trace, debug, info, notice, warn, error or fatal)" ],
	[ "[sink x]\ntype = file\npath = /a\ncolour = red\n", ":4: unknown sink key 'colour'" ],
	[ "[sink x]\ntype = stderr\n[sink x]\ntype = stderr\n", ":3: sink 'x' is declared twice" ],
	[ "[sink bad/name]\ntype = stderr\n", ":1: sink name 'bad/name' is not 1 to 63 of a-z, A-Z, 0-9, '_', '.' and '-'" ],
	[ "[sink x]\ntype = stderr\nrule = nosuch\n", ":1: [sink x]: unknown rule 'nosuch'" ],
	[ "[sink x]\ntype = syslog\nformat = json\n", ":1: [sink x]: a syslog sink's format is rfc3164 or rfc5424" ],
	[ "[sink x]\ntype = file\npath = /a\nformat = rfc3164\n", ":1: [sink x]: rfc3164 is a format of syslog sinks only" ],
	[ "[sink x]\ntype = stderr\nmin_level = error\nmax_level = warn\n", ":1: [sink x]: max_level warn is below min_level error" ],
	[ "[sink x]\ntype = syslog-tcp\naddress = host\n", ":1: [sink x]: address 'host' is not HOST:PORT (a port from 1 to 65535)" ],
	[ "[sink x]\ntype = stderr\nsource = kernel\n", ":3: source 'kernel' is not stderr, syslog or any" ],
	[ "[sink x]\ntype = syslog\naddress = log.sock\n", ":1: [sink x]: address 'log.sock' is not the absolute path of a socket (at most 107 bytes)" ],
	[ "output = file:relative.log\n", ":1: output 'file:relative.log' does not name an absolute path" ],
	[ "output = stderr, fax\n", ":1: unknown output 'fax' (expected default, stderr, syslog, journald, file:PATH, udp://HOST:PORT or tcp://HOST:PORT)" ],
	[ "output = default, stderr\n", ":1: output 'default' cannot be combined with other outputs" ],
	[ "passthrough = sometimes\n", ":1: passthrough 'sometimes' is not on or off" ],
	[ "[sink]\ntype = stderr\n", ":1: unknown section '[sink]'" ],
	[ join('', map { "[sink s$_]\ntype = stderr\n" } 1 .. 9), ":17: more than 8 sinks" ],
);
my $i = 0;
for my $b (@bad) {
	my $f = conf("bad" . ++$i . ".conf", $b->[0]);
	my $r = run(cmd => [ $wl, '--check-config', $f ]);
	is("$r->{status} $r->{stderr}", "1 withlog: $f$b->[1]\n",
	    "a bad sink is reported as '$b->[1]' and exits 1");
}

# The library with a bad sink: one notice, then the defaults, no message lost.
my $bad = conf('bad-lib.conf', "format = json\n[sink x]\ntype = file\n");
my $r = run(cmd => [ 'sh', '-c', 'echo one >&2' ], preload => 1,
    env => { WITHLOG_CONFIG => $bad });
like($r->{stderr}, qr/\Awithlog: \Q$bad\E:2: \[sink x\]: a file sink needs a path \(using the defaults\)\n\S+Z INFO  sh\[\d+\/\d+\]: one\n\z/,
    'a bad sink in the file gives one notice and the message in the default format');

# --show-config: sinks with their origins; outputs made by the file and
# by the command line.
my $f = conf('show.conf', <<"EOF");
output = syslog
[sink local]
type = file
path = $dir/app.log
format = json
min_level = debug
max_size = 10M
[sink errors]
type = file
path = $dir/errors.log
min_level = error
source = stderr
EOF
$r = run(cmd => [ $wl, '-c', $f, '--show-config', 'sh' ]);
my ($sinks) = $r->{stdout} =~ /\n(\[sink .*)\z/s;
like($r->{stdout}, qr/^output = syslog\t# \Q$f\E:1$/m,
    '--show-config shows the output value and where it was set');
is($sinks, <<"EOF", '--show-config prints each sink with its origin');
[sink local]\t# $f:2
type = file
path = $dir/app.log
format = json
min_level = debug
max_level = fatal
max_size = 10485760
keep = 5
[sink errors]\t# $f:8
type = file
path = $dir/errors.log
format = default\t# the [withlog] format
min_level = error
max_level = fatal
source = stderr
max_size = 0\t# never rotated
# sink "syslog", made by output = ($f:1)
#   type = syslog
#   format = default\t# rfc3164
#   min_level = trace
#   max_level = fatal
EOF
$r = run(cmd => [ $wl, '-c', $f, '-o', 'stderr', '-o', "file:$dir/x.log",
    '--passthrough', '--show-config', 'sh' ]);
($sinks) = $r->{stdout} =~ /\n(# sink .*)\z/s;
is($sinks, <<"EOF", "-o replaces the file's sinks, and says so");
# sink "stderr", made by output = (environment (WITHLOG_OUTPUT))
#   type = stderr
#   format = default\t# the [withlog] format
#   min_level = trace
#   max_level = fatal
#   passthrough = off
# sink "file:$dir/x.log", made by output = (environment (WITHLOG_OUTPUT))
#   type = file
#   path = $dir/x.log
#   format = default\t# the [withlog] format
#   min_level = trace
#   max_level = fatal
#   max_size = 0\t# never rotated
EOF
like($r->{stdout}, qr/^output = stderr, file:\Q$dir\E\/x.log\t# environment \(WITHLOG_OUTPUT\)\npassthrough = on\t# environment \(WITHLOG_PASSTHROUGH\)$/m,
    '--show-config shows the command line output list and passthrough');

# What --show-config prints loads back as a file and shows the same
# settings: rules, redactions, fields, every kind of sink, quoted values.
{
	my $src = conf('round.conf', <<"EOF");
format = json
min_level = debug
output = syslog, file:$dir/out.log
[fields]
service = "a b"
[redact tok]
match = /tok=[a-z]+/
replace = tok=?
[rule retry]
contains = retrying
level = warn
[rule disk]
match = "/disk [0-9]+ #[0-9]+ failed/"
source = syslog
orig_level = err
ident = cron
field.kind = disk
[sink all]
type = file
path = $dir/all.log
max_size = 1M
[sink j]
type = journald
min_level = warn
[sink u]
type = syslog-udp
address = 127.0.0.1:5514
queue = 128k
[sink s]
type = stderr
rule = retry, disk
passthrough = on
EOF
	my $first = run(cmd => [ $wl, '-c', $src, '--show-config', 'sh' ]);
	my $again = conf('round-again.conf', $first->{stdout});
	my $check = run(cmd => [ $wl, '--check-config', $again ]);
	is("$check->{status} $check->{stdout}$check->{stderr}", "0 withlog: $again: ok\n",
	    'the output of --show-config is a valid configuration file');
	my $second = run(cmd => [ $wl, '-c', $again, '--show-config', 'sh' ]);
	my $strip = sub { join '', map { s/\t# .*//r =~ s/ made by output = \(.*\)$//r }
	    grep { !/^# effective/ } split /^/, $_[0] };
	is($strip->($second->{stdout}), $strip->($first->{stdout}),
	    'loaded back, it shows the same settings, rules, redactions and sinks');
	like($first->{stdout}, qr/^\[rule disk\]\t# \Q$src\E:12\nmatch = "\/disk \[0-9\]\+ #\[0-9\]\+ failed\/"\nsource = syslog\nident = cron\norig_level = err\nfield.kind = disk$/m,
	    'a rule is shown with where it was declared, its match quoted where a bare value would read as a comment');
}

# The shipped example with sinks, its paths moved to a scratch directory:
# all from DEBUG in JSON, ERROR and above in text, WARN and above on
# stderr.
{
	my $ex = top() . '/config/daemon-files.conf';
	my $text = slurp($ex);
	$text =~ s{/var/log/mydaemon}{$dir}g;
	my $c = conf('daemon-files.conf', $text . "ratelimit = off\n");
	my $r = run(cmd => [ prog('sinks'), 'levels' ], preload => 1,
	    env => { WITHLOG_CONFIG => $c });
	is_deeply([ map { "$_->{level} $_->{service}" } events(slurp("$dir/all.log") // '') ],
	    [ 'DEBUG mydaemon', 'INFO mydaemon', 'WARN mydaemon', 'ERROR mydaemon',
	      'FATAL mydaemon', 'INFO mydaemon', 'ERROR mydaemon' ],
	    'daemon-files.conf: all.log has every event from DEBUG, in JSON, with the service field');
	is_deeply([ map { /^\S+Z (\w+) / ? $1 : "RAW $_" } split /\n/, slurp("$dir/errors.log") // '' ],
	    [ 'ERROR', 'FATAL', 'ERROR' ],
	    'daemon-files.conf: errors.log has ERROR and FATAL, as text');
	is_deeply([ map { /^\S+Z (\w+) / ? $1 : "RAW $_" } split /\n/, $r->{stderr} ],
	    [ 'WARN', 'ERROR', 'FATAL', 'ERROR' ],
	    'daemon-files.conf: stderr has WARN and above');
}
