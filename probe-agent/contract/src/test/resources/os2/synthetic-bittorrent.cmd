@echo off
rem Start BitTorrent with the experimental socket modules first on the path.
set PYTHONHOME=D:\HOME\ALICE\PYTHON23
set PYTHONPATH=%PYTHONHOME%\Lib\exp-dynload;%PYTHONPATH%
python btdownloadheadless.py %1 %2 %3
