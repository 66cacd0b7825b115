"""Dedupe, skim, count, cluster, thread: the day's articles without duplicates, each given
a cheap look, their terms counted, clustered into stories, and stories followed from earlier
days."""
