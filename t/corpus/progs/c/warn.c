#include <stdio.h>
#include <string.h>

#define BUFSZ 4
#warning "BUFSZ is small; consider 64"

static int unused_helper(void) { return 1; }

int count(const char *s) {
    int n;
    if (s) n = strlen(s);
    return n;
}

int main(int argc, char **argv) {
    int unused = 3;
    char buf[BUFSZ];
    long big = 12345678901;
    printf("%d %s\n", big, argc);
    if (argc = 2) puts("two");
    strcpy(buf, "far too long");
    return count(argv[0]);
}
