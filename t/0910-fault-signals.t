#!/usr/bin/perl
# 0910 (signals): an EINTR storm.  A timer signal every 100 us, with a
# handler installed without SA_RESTART, while the program writes 20000
# lines into a pipe read slowly (so writes block and are interrupted).
# No crash, no deadlock (time limit), the exit status kept, every line
# one event exactly once and in order, and the program sees what it would
# without the library: whole writes, or EINTR before anything was written.
# (t/0202 has a handler that itself writes while the thread is inside the
# library.)
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More tests => 4;
use WL;

my $fault = prog('fault');
for my $fmt (qw(json)) {
	my $plain = run(cmd => [ $fault, 'eintr', 20000 ], timeout => 120);
	my $r = run(cmd => [ $fault, 'eintr', 20000 ], preload => 1,
	    env => { WITHLOG_FORMAT => $fmt, WITHLOG_RATE => '0' }, timeout => 120);
	my @ev = events($r->{stdout});
	my $last = pop @ev;
	ok(!$r->{timed_out} && $r->{status} == 0 && $r->{status} == $plain->{status},
	    'a program logging under a timer signal every 100 us finishes with its exit status');
	is($last->{_raw} // '', 'ok 20000 other 0 ticks yes',
	    'every write was whole or interrupted before it wrote anything, and the signals did arrive');
	is($plain->{stdout} =~ s/\A.*\n(?=ok )//sr, 'ok 20000 other 0 ticks yes' . "\n",
	    'the same holds without the library');
	my @msgs = map { $_->{msg} // "RAW:$_->{_raw}" } @ev;
	is_deeply(\@msgs, [ map { "interrupted line $_" } 0 .. 19999 ],
	    'every line is one event, exactly once and in order');
}
