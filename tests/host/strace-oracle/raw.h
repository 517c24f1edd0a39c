/*
 * raw.h - raw system calls for the strace oracle programs: the number and
 * the six argument registers exactly as given, no C library in between.
 */
#ifndef ORACLE_RAW_H
#define ORACLE_RAW_H

static inline long
sc6(long n, long a, long b, long c, long d, long e, long f)
{
	long ret;
	register long r10 __asm__("r10") = d, r8 __asm__("r8") = e, r9 __asm__("r9") = f;
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}
#define S0(n) sc6(n, 0, 0, 0, 0, 0, 0)
#define S1(n, a) sc6(n, (long)(a), 0, 0, 0, 0, 0)
#define S2(n, a, b) sc6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define S3(n, a, b, c) sc6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define S4(n, a, b, c, d) sc6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define S5(n, a, b, c, d, e) sc6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)
#define S6(n, a, b, c, d, e, f) sc6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

/* Fail every call whose number is in nrs[] with ENOSYS before it runs (a
 * seccomp filter): what this kernel answers for a NOSYS line. */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>

static inline void
nosys_filter(const int *nrs, int n)
{
	struct sock_filter f[300];
	int k = 0;

	f[k++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	for (int i = 0; i < n && k < 296; i++) {
		f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nrs[i], 0, 1);
		f[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 38);
	}
	f[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct sock_fprog prog = { (unsigned short)k, f };
	S5(157, 38 /* PR_SET_NO_NEW_PRIVS */, 1, 0, 0, 0);
	S3(317, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

#endif
