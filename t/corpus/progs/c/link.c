void connect_db(const char *dsn);
int main(void) { connect_db("local"); return 0; }
