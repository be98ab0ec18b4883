#ifndef CONFIG_BACKEND
#error "CONFIG_BACKEND must be defined (e.g. -DCONFIG_BACKEND=1)"
#endif
int main(void) { return 0; }
