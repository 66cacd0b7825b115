"""Dedupe, skim, cluster, thread: the day's articles without duplicates, each given a
cheap look, clustered into stories, and stories followed from earlier days."""
