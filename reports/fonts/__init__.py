"""DejaVu Sans fonts embedded in the reports (licence in LICENSE.txt).

A package so that setuptools ships the .ttf and .txt files next to it.
"""
