"""OCR of scanned pages with Tesseract, in worker processes (between stages 1 and 2).
"""
