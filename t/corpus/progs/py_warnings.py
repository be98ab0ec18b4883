import warnings, os, asyncio
warnings.simplefilter("default")
warnings.warn("the 'legacy' option is deprecated, use 'mode'", DeprecationWarning)
warnings.warn("sample rate 7 Hz is unusual, results may be inaccurate")
import datetime
datetime.datetime.utcnow()
f = open(os.devnull)
del f
