# RealProgs.pm - the checks t/0901-real-programs-*.t make on each real
# program: run it without the library and with it (-f json), then
#   1. the exit status and stdout are the same;
#   2. every line it wrote to stderr is in exactly one event, in order,
#      and there are as many events as the case lists;
#   3. each event has the level a careful person would give it (the case
#      says which, following t/corpus/README.md's conventions).
# A case whose expectation the library does not meet yet carries the
# reason in a TODO, so the test stays honest about what is wrong.
package RealProgs;
use strict;
use warnings;
use Test::More;
use WL;
use Exporter 'import';

our @EXPORT = qw(check_program tests_for);

# The number of assertions check_program makes for CASE.
sub tests_for {
	my ($c) = @_;
	return 2 + @{ $c->{events} };
}

# check_program({ name, cmd, stdin, env, status, mask, unordered,
#     plain_env, events => [ [ qr/msg/, LEVEL, todo ], ... ],
#     lines_todo, setup, stderr_file, timeout, skip_san => { SAN => why } })
sub check_program {
	my ($c) = @_;
	my $name = $c->{name};
	# A program a sanitizer pass cannot run (its runtime, loaded late
	# into an uninstrumented program, fails on its own).
	my $san = $ENV{WITHLOG_TEST_SAN} // '';
	if (my $why = $c->{skip_san}{$san}) {
	    SKIP: { skip("$name: $why", tests_for($c)) }
	    return;
	}
	my %common = (stdin => $c->{stdin}, timeout => $c->{timeout} // 60);
	# A command that sends its stderr to a file itself (a redirection
	# inside it): that file is what it wrote to stderr.
	my $from_file = sub {
		my ($res) = @_;
		if (my $f = $c->{stderr_file}) {
			$res->{stderr} = slurp($f) // '';
			unlink $f;
		}
		return $res;
	};
	$c->{setup}->() if $c->{setup};
	my $plain = $from_file->(run(cmd => $c->{cmd}, %common,
	    env => { %{ $c->{env} // {} }, %{ $c->{plain_env} // {} } }));
	$c->{setup}->() if $c->{setup};
	my $r = $from_file->(run(cmd => $c->{cmd}, %common, preload => 1,
	    env => { WITHLOG_FORMAT => 'json', WITHLOG_OUTPUT => 'stderr',
		%{ $c->{env} // {} } }));
	my @ev = events($r->{stderr});

	my @p;
	push @p, 'timed out' if $r->{timed_out} || $plain->{timed_out};
	push @p, "exit $r->{status}, without the library $plain->{status}"
	    if $r->{status} != $plain->{status};
	push @p, "exit $r->{status}, want $c->{status}"
	    if defined $c->{status} && $r->{status} != $c->{status};
	push @p, "stdout differs: '$r->{stdout}' vs '$plain->{stdout}'"
	    if $r->{stdout} ne $plain->{stdout};
	ok(!@p, "$name: the exit status and stdout are those of a run without the library")
	    or diag(join("\n", @p));

	{
		local $TODO = $c->{lines_todo};
		my @m = match_lines($plain->{stderr}, \@ev, mask => $c->{mask},
		    unordered => $c->{unordered});
		push @m, scalar(@ev) . ' events, want ' . @{ $c->{events} }
		    if @ev != @{ $c->{events} };
		ok(!@m, "$name: every stderr line is in exactly one event")
		    or diag(join("\n", @m, 'native stderr:', $plain->{stderr},
			'with the library:', $r->{stderr}));
	}

	my %used;
	for my $w (@{ $c->{events} }) {
		my ($re, $level, $todo) = @$w;
		my ($i) = grep { !$used{$_} && ($ev[$_]{msg} // '') =~ $re } 0 .. $#ev;
		$used{$i} = 1 if defined $i;
		my $got = defined $i ? $ev[$i]{level} // '' : '(no such event)';
		local $TODO = $todo;
		my $what = $re =~ s/^\(\?\^\w*:(.*)\)$/$1/sr;
		is($got, $level, "$name: the event /$what/ is $level")
		    or diag(defined $i ? "decided by " . ($ev[$i]{level_src} // 'default')
			: "events: " . join(' | ', map { $_->{msg} // '' } @ev));
	}
}

1;
