#!/bin/sh
cat /usr/share/hello-lib/lib.txt
