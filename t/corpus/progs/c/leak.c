#include <stdlib.h>
#include <stdio.h>
int main(void) {
    int *a = malloc(10 * sizeof(int));
    int s = 0;
    for (int i = 0; i < 10; i++) s += a[i];
    if (s > 3) puts("big");
    char *leak = malloc(64);
    leak[0] = 0;
    return 0;
}
