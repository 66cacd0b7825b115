"""newsdigest library: articles in, a daily digest out. No Prefect import here."""
