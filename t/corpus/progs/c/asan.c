#include <stdlib.h>
int main(void) {
    int *a = malloc(4 * sizeof(int));
    a[4] = 7;
    free(a);
    return 0;
}
