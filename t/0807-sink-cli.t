#!/usr/bin/perl
# 0807: outputs on the command line: -o is repeatable and travels in
# WITHLOG_OUTPUT one spec per line; -o stderr alone keeps its meaning;
# a relative file path is made absolute before the program runs; bad
# values are withlog's errors (exit 125, the command not run) with a
# clear message; a bad WITHLOG_OUTPUT is reported and ignored.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More tests => 19;
use WL;

my $wl = wl_script();
my $dir = tmpdir();

sub msgs { [ map { $_->{msg} // "RAW $_->{_raw}" } events($_[0] // '') ] }

# -o stderr alone: every event, syslog ones too, on stderr.
my $r = run(cmd => [ $wl, '-o', 'stderr', '-f', 'json', prog('sinks'), 'levels' ]);
is_deeply([ map { "$_->{level} $_->{source}" } events($r->{stderr}) ],
    [ 'TRACE stderr', 'DEBUG stderr', 'INFO stderr', 'WARN stderr',
      'ERROR stderr', 'FATAL stderr', 'INFO syslog', 'ERROR syslog' ],
    '-o stderr alone sends every event, syslog ones too, to stderr');

# Two outputs: both get every event.
$r = run(cmd => [ $wl, '-o', 'stderr', '--output', "file:$dir/both.log", '-f',
    'json', prog('sinks'), 'levels' ]);
is(scalar(@{ msgs($r->{stderr}) }), 8, '-o stderr -o file:PATH: stderr has all eight events');
is_deeply(msgs(slurp("$dir/both.log")), msgs($r->{stderr}),
    'and the file has the same ones');

# --output=SPEC, and a relative path made absolute (the command changes
# directory before it writes).
$r = run(cmd => [ 'sh', '-c', "cd '$dir' && exec '$wl' --output=file:rel.log " .
    "-f json sh -c 'cd / && echo moved >&2'" ]);
is_deeply(msgs(slurp("$dir/rel.log")), [ 'moved' ],
    'a relative file: path is taken from where withlog ran');
is($r->{stderr}, '', 'and nothing else is written to stderr');

# WITHLOG_OUTPUT without the wrapper: one spec per line, so a path may
# hold a comma or a space.
$r = run(cmd => [ 'sh', '-c', 'echo "ERROR: listed" >&2' ], preload => 1,
    env => { WITHLOG_OUTPUT => "file:$dir/a, b.log\nstderr\n", WITHLOG_FORMAT => 'json' });
is_deeply([ @{ msgs(slurp("$dir/a, b.log")) }, @{ msgs($r->{stderr}) } ],
    [ 'ERROR: listed', 'ERROR: listed' ],
    'WITHLOG_OUTPUT lists outputs one per line, a path with a comma and a space included');
$r = run(cmd => [ $wl, '-o', "file:$dir/c d.log", '-o', 'stderr', 'sh', '-c',
    'printf "%s" "$WITHLOG_OUTPUT"' ]);
is($r->{stdout}, "file:$dir/c d.log\nstderr", 'the wrapper passes repeated -o that way');

# Bad values: exit 125, a message, the command not run.
my @bad = (
	[ [ '-o', 'bogus' ], "unknown output 'bogus' (expected stderr, syslog, journald, file:PATH, udp://HOST:PORT or tcp://HOST:PORT)" ],
	[ [ '-o', 'file:' ], "output 'file:' needs a path (file:PATH)" ],
	[ [ '-o', "file:$dir/no/such/x.log" ], "output 'file:$dir/no/such/x.log': no directory '$dir/no/such'" ],
	[ [ '-o', "file:$dir" ], "output 'file:$dir' is a directory" ],
	[ [ '-o', 'udp://loghost' ], "output 'udp://loghost' is not udp://HOST:PORT" ],
	[ [ '-o', 'tcp://loghost:99999' ], "output 'tcp://loghost:99999': port 99999 is not between 1 and 65535" ],
	[ [ '-o', 'tcp://::1:514' ], "output 'tcp://::1:514': write an IPv6 address as [ADDRESS]:PORT" ],
	[ [ '-o', 'stderr', '-o', 'default' ], "output 'default' cannot be combined with other outputs" ],
	[ [ '-o' ], "option '-o' needs an argument" ],
);
for my $b (@bad) {
	# The option with no value must be the last word.
	my @cmd = $b->[0][-1] eq '-o' ? () : ('sh', '-c', 'echo ran');
	$r = run(cmd => [ $wl, @{ $b->[0] }, @cmd ]);
	is("$r->{status} $r->{stdout}$r->{stderr}",
	    "125 withlog: $b->[1]\nTry 'withlog --help' for more information.\n",
	    "withlog @{ $b->[0] } exits 125: $b->[1]");
}

# A network output is accepted by the wrapper and reaches the library.
$r = run(cmd => [ $wl, '-o', 'udp://127.0.0.1:9', '-o', 'stderr', 'sh', '-c',
    'printf "%s" "$WITHLOG_OUTPUT"' ]);
is("$r->{status} $r->{stdout}", "0 udp://127.0.0.1:9\nstderr",
    'udp://HOST:PORT is a valid output');

# A bad WITHLOG_OUTPUT (set by hand): reported, ignored, nothing lost.
$r = run(cmd => [ 'sh', '-c', 'echo kept >&2' ], preload => 1,
    env => { WITHLOG_OUTPUT => "stderr\nfile:relative.log" });
like($r->{stderr}, qr/\Awithlog: WITHLOG_OUTPUT: output 'file:relative.log' does not name an absolute path \(ignored\)\n\S+Z INFO  sh\[\d+\/\d+\]: kept\n\z/,
    'a bad WITHLOG_OUTPUT is reported once and the default routing used');

# --help lists the outputs and --passthrough.
$r = run(cmd => [ $wl, '--help' ]);
like($r->{stdout}, qr/-o, --output SINK .*file:PATH.*--passthrough/s,
    '--help describes -o and --passthrough');
