"""Services: every user action as one function over the store, in one transaction.

The GUI and the command line are two faces over these functions; neither issues SQL itself.
"""
