#!/bin/sh
# Peak resident memory of `drift` on two Parquet files, two class paths interleaved A B A B (A: the reader before,
# B: after), one line per run: label, wall seconds, peak RSS in KB (GNU time's %M), and the load average.
# bench/parquet/memory-pairs.sh PAIRS REF.parquet CUR.parquet CLASSPATH_A CLASSPATH_B
pairs=$1 ref=$2 cur=$3 a=$4 b=$5
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
i=0
while [ "$i" -lt "$pairs" ]; do
    for side in A B; do
        if [ "$side" = A ]; then cp=$a; else cp=$b; fi
        /usr/bin/time -f "$side %e %M" -o /tmp/memory-pairs.$$ "$java" -cp "$cp" com.modelsteward.Main drift --reference "$ref" \
            --current "$cur" --json > /dev/null 2>&1
        echo "$(cat /tmp/memory-pairs.$$) load $(cut -d' ' -f1 /proc/loadavg)"
    done
    i=$((i + 1))
done
rm -f /tmp/memory-pairs.$$
