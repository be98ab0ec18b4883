#include <stdlib.h>
#include <string.h>
int main(void) {
    char *p = malloc(32);
    strcpy(p, "session");
    free(p);
    free(p);
    return 0;
}
