/*
 * hook_vfork.c - vfork(2), marked.
 *
 * A vfork child runs on its parent's memory and stack until it execs or
 * exits: any buffer the library touched there would be the parent's, and
 * any descriptor it opened would take the parent's next number.  So the
 * child must pass every call straight through.  Asking getpid() on every
 * captured call would tell, but a system call per line costs as much as
 * the write itself; instead vfork sets a per-thread flag that the child
 * inherits (it shares the thread's TLS) and that the parent clears when it
 * resumes.  Other threads of the parent keep their own flags.
 *
 * vfork cannot be wrapped by a C function (the child would return through
 * a frame its parent then reuses), so it is written the way glibc writes
 * its own: keep the return address in a register across the system call.
 * x86-64 only; elsewhere proc.c falls back to comparing getpid().
 */
#include "guard.h"

/* (used: only the assembly below writes it, which the link-time
 * optimiser does not see) */
WL_TLS int wl_in_vfork __attribute__((used));

#if defined(__x86_64__) && defined(__linux__)
__asm__(
	".text\n"
	".globl vfork\n"
	".type vfork, @function\n"
	"vfork:\n"
	"	popq %rdx\n"			/* the caller's return address */
	"	movq wl_in_vfork@gottpoff(%rip), %rcx\n"
	"	movl $1, %fs:(%rcx)\n"
	"	movl $58, %eax\n"		/* SYS_vfork */
	"	syscall\n"
	"	pushq %rdx\n"
	"	cmpq $-4095, %rax\n"
	"	jae 2f\n"
	"	testl %eax, %eax\n"
	"	jz 1f\n"
	"	movq wl_in_vfork@gottpoff(%rip), %rcx\n"	/* parent */
	"	movl $0, %fs:(%rcx)\n"
	"1:	ret\n"				/* child: flag stays set */
	"2:	movq wl_in_vfork@gottpoff(%rip), %rcx\n"	/* failed */
	"	movl $0, %fs:(%rcx)\n"
	"	negl %eax\n"
	"	pushq %rax\n"
	"	call __errno_location@PLT\n"
	"	popq %rcx\n"
	"	movl %ecx, (%rax)\n"
	"	movq $-1, %rax\n"
	"	ret\n"
	".size vfork, .-vfork\n"
);
#endif
