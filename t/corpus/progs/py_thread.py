import threading, time
def work():
    raise ConnectionResetError("peer closed the connection")
t = threading.Thread(target=work, name="fetcher"); t.start(); t.join()
import sys; sys.stderr.write("main: fetcher thread failed, continuing with cached data\n")
