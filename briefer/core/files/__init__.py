"""Stage 1, file → worker: recognise a file, read it in a worker process (text, printed
page labels, outline, metadata guesses). Nothing here touches the catalog.
"""
