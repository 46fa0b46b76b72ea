"""The Python half of jkeras.

Java never sends Python source: it names a function of this package (``module:function``) and passes
arguments, through ``jkeras.bridge.call``. Each module here serves one part of the Java API.
"""
