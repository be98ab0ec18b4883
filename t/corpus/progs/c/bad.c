#include <stdio.h>
#include "missing_header.h"
