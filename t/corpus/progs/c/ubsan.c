#include <limits.h>
#include <stdio.h>
int main(int argc, char **argv) {
    (void)argv;
    int x = INT_MAX - 1 + argc;
    x += 1;
    int sh = 33 + argc;
    printf("%d %d\n", x, 1 << sh);
    return 0;
}
