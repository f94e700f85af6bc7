"""Radio traffic: the message log of radio amateurs (issue 5), without Qt.

model (fields, statuses, validation with warnings), check (the radiogram check and text
normalisation), arl (ARL numbered radiograms), flmsg and b2f (file formats of fldigi's
flmsg and of Winlink), forms (plain text for the air, ICS-309 log), store (the part of
Store that saves messages and their relay hops). Each module states its threading rules;
all but store are pure.
"""
