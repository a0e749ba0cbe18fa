"""Where the kit is: the one home of the top folder's path."""
import os

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
