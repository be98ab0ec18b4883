#!/usr/bin/perl
# 0401: configuration files: validation with exact FILE:LINE messages,
# discovery by program name, [program GLOB] sections, includes, fields,
# the environment over the file, and a bad file never costing a message.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use WL;

my $wl = wl_script();
my $dir = tmpdir();


# Every shipped example is valid.
for my $f (sort glob(top() . '/config/*.conf')) {
	my $r = run(cmd => [ $wl, '--check-config', $f ]);
	ok($r->{status} == 0 && $r->{stdout} =~ /: ok$/,
	    "the example " . ($f =~ s{.*/}{}r) . " is valid")
	    or diag($r->{stderr});
}

# Errors name the file and line, and say what is wrong.
my @bad = (
	[ "format = json\nformt = text\n", ":2: unknown key 'formt'" ],
	[ "format = yaml\n", ":1: unknown format 'yaml' (expected text, json, logfmt, otlp-json or rfc5424)" ],
	[ "[fields]\nBad-Name = x\n", ":2: field name 'Bad-Name' is not made of a-z, 0-9, '_' and '.'" ],
	[ "[nosuch]\n", ":1: unknown section '[nosuch]'" ],
	[ "format json\n", ":1: expected 'key = value'" ],
	[ "format = \"json\n", ":1: unterminated quoted value" ],
	[ "min_level = loud\n", ":1: unknown level 'loud' (expected trace, debug, info, notice, warn, error or fatal)" ],
	[ "buffer = 0\n", ":1: buffer '0' is not off or 1 to 60000 ms" ],
	[ "line_idle = 2s\n", ":1: line_idle '2s' is not 1 to 60000 ms" ],
	[ "[program nginx]\nformt = x\n", ":2: unknown key 'formt'" ],
	[ "include = nowhere.conf\n", ":1: cannot open '$dir/nowhere.conf': No such file or directory" ],
	[ "format = json\ninclude =\n", ":2: 'include' needs a file name" ],
	[ "include = /\n", ":1: '/' is not a regular file" ],
);
my $i = 0;
for my $b (@bad) {
	my $f = conf("bad" . ++$i . ".conf", $b->[0]);
	my $r = run(cmd => [ $wl, '--check-config', $f ]);
	is("$r->{status} $r->{stderr}", "1 withlog: $f$b->[1]\n",
	    "a bad file is reported as '$b->[1]' and exits 1");
}
# A rule or redaction in an included file is reported where it is; a
# section header may carry a comment.
{
	my $inc = conf('inc-rule.conf', "format = json\n[rule half]\nlevel = warn\n");
	my $top = conf('top-rule.conf', "[withlog]   # the main section\ninclude = inc-rule.conf\n");
	my $r = run(cmd => [ $wl, '--check-config', $top ]);
	is("$r->{status} $r->{stderr}",
	    "1 withlog: $inc:2: [rule:half] has no condition (match, contains, source, api, ident or orig_level)\n",
	    'a rule without a condition in an included file is reported at its own file and line');
	my $inc2 = conf('inc-redact.conf', "[redact r]\nreplace = x\n");
	my $top2 = conf('top-redact.conf', "include = inc-redact.conf\n");
	$r = run(cmd => [ $wl, '--check-config', $top2 ]);
	is("$r->{status} $r->{stderr}", "1 withlog: $inc2:1: [redact r] has no match\n",
	    'a redaction without a match in an included file is reported at its own file and line');
}

my $ww = conf('world.conf', "format = json\n", 0666);
my $r = run(cmd => [ $wl, '--check-config', $ww ]);
is($r->{stderr}, "withlog: refused '$ww': writable by other users\n",
    'a file other users can write is refused');

# A bad file costs no message: one notice, then the defaults.
my $bad = conf('bad-lib.conf', "format = json\nbogus = 1\n");
$r = run(cmd => [ 'sh', '-c', 'echo one >&2; echo two >&2' ], preload => 1,
    env => { WITHLOG_CONFIG => $bad });
my @l = split /\n/, $r->{stderr};
is(scalar(@l), 3, 'a bad config gives one notice and every message');
is($l[0], "withlog: $bad:2: unknown key 'bogus' (using the defaults)",
    'the notice names the file, the line and the problem');
like($l[1] // '', qr/^\S+Z INFO  sh\[\d+\/\d+\]: one$/,
    'and the messages come out in the default format');

# Discovery: ~/.config/withlog/PROG.conf for the program's name.
mkdir "$dir/home";
mkdir "$dir/home/.config";
mkdir "$dir/home/.config/withlog";
conf('home/.config/withlog/sh.conf', "format = json\n[fields]\nfrom = home\n");
$r = run(cmd => [ 'sh', '-c', 'echo hi >&2' ], preload => 1,
    env => { HOME => "$dir/home" });
my @ev = events($r->{stderr});
is($ev[0]{from} // '', 'home', "~/.config/withlog/PROG.conf is found by the program's name");
$r = run(cmd => [ 'sh', '-c', 'echo hi >&2' ], preload => 1,
    env => { HOME => "$dir/home", WITHLOG_CONFIG => conf('env.conf', "format = json\n[fields]\nfrom = env\n") });
@ev = events($r->{stderr});
is($ev[0]{from} // '', 'env', 'WITHLOG_CONFIG comes first');

# [program GLOB] applies only to matching programs; include works.
my $common = conf('common.conf', "[fields]\nteam = core\n");
my $multi = conf('multi.conf', "include = common.conf\nformat = json\n[program s?]\nmin_level = warn\n[program cat]\nmin_level = trace\n");
$r = run(cmd => [ 'sh', '-c', 'echo hidden >&2' ], preload => 1,
    env => { WITHLOG_CONFIG => $multi });
is($r->{stderr}, '', '[program s?] applies to sh (an INFO line is below warn)');
$r = run(cmd => [ 'cat', '/nonexistent' ], preload => 1,
    env => { WITHLOG_CONFIG => $multi });
@ev = events($r->{stderr});
is($ev[0]{team} // '', 'core', 'an included file adds its fields');
is(scalar(@ev), 1, 'and [program s?] does not apply to cat');

# The environment (the command line) overrides the file, fields from
# $VARIABLES are read at start, and --show-config says where each value
# came from.
my $f = conf('show.conf', "format = json\n[fields]\npod = \$MY_POD\n");
$r = run(cmd => [ $wl, '-c', $f, '-f', 'text', '--field', 'team=ops',
    'sh', '-c', 'echo hi >&2' ], env => { MY_POD => 'web-1' });
like($r->{stderr}, qr/^\S+Z INFO  sh\[\d+\/\d+\]: hi pod=web-1 team=ops$/,
    '-f overrides the file; fields come from the file, $VARIABLES and --field');
$r = run(cmd => [ $wl, '-c', $f, '-f', 'text', '--show-config', 'sh' ],
    env => { MY_POD => 'web-1' });
is($r->{stdout}, <<"EOT", '--show-config prints each value with its origin');
# effective configuration from $f
[withlog]
format = text\t# environment (WITHLOG_FORMAT)
scheme = otel\t# default
color = auto\t# default
output = default\t# default
buffer = off\t# default
line_idle = 50\t# default
min_level = trace\t# default
context = none\t# default
redact = off\t# default
extract = on\t# default
syslog_socket = /dev/log\t# default
ratelimit = on\t# default
ratelimit.rate = 10/s
ratelimit.burst = 50
ratelimit.global = 1000/s
ratelimit.error = 10000/s
ratelimit.keys = 4096
ratelimit.window = 1000
[fields]
pod = "web-1"\t# $f:3
EOT

# A bad value on the command line is withlog's error (125).
$r = run(cmd => [ $wl, '-l', 'loud', 'true' ]);
is($r->{status}, 125, 'a bad --min-level exits 125');

# --no-inherit: the command runs with the library, its children without.
$r = run(cmd => [ $wl, '-f', 'json', '--no-inherit', 'sh', '-c',
    'echo parent >&2; sh -c "echo child >&2"' ]);
@l = split /\n/, $r->{stderr};
ok(@l == 2 && $l[0] =~ /"msg":"parent"/ && $l[1] eq 'child',
    '--no-inherit leaves the children of the command alone')
    or diag($r->{stderr});

done_testing();
