#!/usr/bin/perl
# 0206: the withlog wrapper: runs the command with the library, keeps its
# exit status, appends to LD_PRELOAD once, and fails like env(1).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use WL;

my $wl = wl_script();
my $lib = lib_path();

my $r = run(cmd => [ $wl, '-f', 'json', '--', 'sh', '-c', 'echo hi >&2; exit 3' ]);
is($r->{status}, 3, "the command's exit status is withlog's");
my @ev = events($r->{stderr});
is($ev[0]{msg} // '', 'hi', 'the command runs with the library (-f json)');

$r = run(cmd => [ $wl, '--format=text', 'sh', '-c', 'echo "$LD_PRELOAD"' ],
    env => { LD_PRELOAD => '/lib/x86_64-linux-gnu/libc.so.6' });
is($r->{stdout}, "/lib/x86_64-linux-gnu/libc.so.6 $lib\n",
    'an existing LD_PRELOAD is kept and the library appended');

$r = run(cmd => [ $wl, 'sh', '-c', 'echo "$LD_PRELOAD"' ],
    env => { LD_PRELOAD => $lib });
is($r->{stdout}, "$lib\n", 'the library is never added twice');

$r = run(cmd => [ $wl, '-f', 'yaml', 'true' ]);
is($r->{status}, 125, 'a bad option value exits 125');
like($r->{stderr}, qr/^withlog: unknown format 'yaml'/, 'and says what is wrong');

$r = run(cmd => [ $wl, '--bogus', 'true' ]);
is($r->{status}, 125, 'an unknown option exits 125');

$r = run(cmd => [ $wl ]);
is($r->{status}, 125, 'no command exits 125');

$r = run(cmd => [ $wl, 'true' ]);
is($r->{status}, 0, 'a program named like a shell builtin (true) is found on PATH');
$r = run(cmd => [ $wl, 'false' ]);
is($r->{status}, 1, 'and its exit status is kept (false)');

$r = run(cmd => [ $wl, '/nonexistent/cmd' ]);
is($r->{status}, 127, 'a command that does not exist exits 127');
like($r->{stderr}, qr{^withlog: /nonexistent/cmd: No such file or directory$}m,
    'and says so');

my $noexec = tmpdir() . '/noexec';
open(my $fh, '>', $noexec) or die;
close $fh;
$r = run(cmd => [ $wl, $noexec ]);
is($r->{status}, 126, 'a command that cannot be run exits 126');

$r = run(cmd => [ $wl, '--help' ]);
ok($r->{status} == 0 && $r->{stdout} =~ /^usage: withlog/, '--help prints usage');
$r = run(cmd => [ $wl, '--version' ]);
like($r->{stdout}, qr/^withlog \d+\.\d+\.\d+$/, '--version prints the version');

# A static binary: the wrapper says why nothing changes, and runs it.
my $static = tmpdir() . '/static';
system('sh', '-c', "printf '#include <stdio.h>\\nint main(void){fputs(\"static out\\\\n\", stderr);return 4;}\\n' > $static.c && cc -static -o $static $static.c 2>/dev/null");
SKIP: {
	skip 'no static libc to build a static binary', 4 unless -x $static;
	$r = run(cmd => [ $wl, $static ]);
	is($r->{status}, 4, 'a static binary runs with its own exit status');
	like($r->{stderr}, qr/^withlog: note: .*statically linked/m,
	    'with a clear notice that it cannot be reached');
	like($r->{stderr}, qr/^static out$/m, 'and its stderr unchanged');
	$r = run(cmd => [ $wl, '/bin/true' ]);
	is($r->{stderr}, '', 'a dynamic binary gets no such notice');
}

# Installed layout: make install into a staging directory finds the library.
my $dest = tmpdir() . '/stage';
system('make', '-s', '-C', top(), 'install', "DESTDIR=$dest", 'PREFIX=/usr') == 0
    or diag('make install failed');
$r = run(cmd => [ "$dest/usr/bin/withlog", '-f', 'json', 'sh', '-c', 'echo x >&2' ]);
is((events($r->{stderr}))[0]{msg} // '', 'x',
    'an installed withlog finds the installed library');

done_testing();
